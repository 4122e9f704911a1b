import {el, rate, svg} from './dom.js';
import {WINDOW_MILLIS} from './rates.js';

// A small line chart in SVG of one value over the last WINDOW_MILLIS: x is time (the newest point at the right edge),
// y runs from 0 to the highest value in the window. A few lines of our own; no chart library.

const WIDTH = 300;
const HEIGHT = 40;

/**
 * A <figure> holding an <svg> of points[i][key] against points[i].time, captioned with the latest value and the peak
 * written by format (a function of a number to text).
 */
export function lineChart(points, key, label, format = rate) {
    const shown = points.filter((point) => point[key] !== null && point[key] !== undefined);
    const newest = shown.length ? shown[shown.length - 1].time : 0;
    const peak = Math.max(0, ...shown.map((point) => point[key]));
    const x = (time) => (WIDTH * (1 - (newest - time) / WINDOW_MILLIS)).toFixed(1);
    const y = (value) => (HEIGHT - 1 - (HEIGHT - 4) * (value / Math.max(peak, 1))).toFixed(1);
    const line = shown.map((point) => `${x(point.time)},${y(point[key])}`).join(' ');
    const latest = shown.length ? format(shown[shown.length - 1][key]) : '–';
    const caption = `${label}: now ${latest}, peak ${format(peak)} (5 min)`;
    return el('figure', {className: 'chart'},
        el('figcaption', {}, caption),
        svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': caption},
            svg('line', {x1: 0, y1: HEIGHT - 0.5, x2: WIDTH, y2: HEIGHT - 0.5, class: 'axis'}),
            svg('polyline', {points: line, class: 'series'})));
}
