import {number, svg} from './dom.js';
import {WINDOW_MILLIS} from './rates.js';

// A small line chart in SVG of one value over the last WINDOW_MILLIS: x is time (the newest point at the right edge),
// y runs from 0 to the highest value seen in the window. A few lines of our own; no chart library.

const WIDTH = 300;
const HEIGHT = 60;

/** An <svg> of points[i][key] against points[i].time, labelled for screen readers and with its peak written in. */
export function lineChart(points, key, label) {
    const shown = points.filter((point) => point[key] !== null && point[key] !== undefined);
    const newest = shown.length ? shown[shown.length - 1].time : 0;
    const peak = Math.max(1, ...shown.map((point) => point[key]));
    const x = (time) => (WIDTH * (1 - (newest - time) / WINDOW_MILLIS)).toFixed(1);
    const y = (value) => (HEIGHT - 2 - (HEIGHT - 14) * (value / peak)).toFixed(1);
    const line = shown.map((point) => `${x(point.time)},${y(point[key])}`).join(' ');
    const latest = shown.length ? number(shown[shown.length - 1][key]) : 'no data yet';
    return svg('svg', {
        viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', preserveAspectRatio: 'none',
        'aria-label': `${label} over the last 5 minutes, now ${latest}, peak ${number(peak)}`,
    },
    svg('line', {x1: 0, y1: HEIGHT - 1, x2: WIDTH, y2: HEIGHT - 1, class: 'axis'}),
    svg('polyline', {points: line, class: 'series'}),
    svg('text', {x: 4, y: 10, class: 'peak'}, `${label} · peak ${number(peak)}`));
}
