// Rates from totals: a node's status carries totals since it started (published, delivered); the rate between two
// consecutive snapshots is the difference over the time between them (the snapshots' own clock, in ms). Pure: no DOM.

/** How far back the charts reach, in milliseconds. */
export const WINDOW_MILLIS = 5 * 60 * 1000;

/** The streams a status counts, every transport together: {"stream":3,"poll":1} → 4. */
export function streamTotal(streams) {
    return Object.values(streams ?? {}).reduce((sum, count) => sum + count, 0);
}

/**
 * One node's snapshots over the last WINDOW_MILLIS: add(status) returns {published, delivered} per second since the
 * snapshot before (null for the first one, or after the node restarted and its totals went down).
 */
export class NodeSeries {
    constructor() {
        this.last = null;
        this.points = [];
    }

    add(status) {
        const rates = {published: null, delivered: null};
        const last = this.last;
        if (last && status.time > last.time && status.published >= last.published && status.delivered >= last.delivered) {
            const seconds = (status.time - last.time) / 1000;
            rates.published = (status.published - last.published) / seconds;
            rates.delivered = (status.delivered - last.delivered) / seconds;
        } else if (last && status.time <= last.time) {
            return this.points.length ? this.points[this.points.length - 1] : rates; // a repeat: nothing new
        }
        this.last = status;
        const point = {time: status.time, ...rates, streams: streamTotal(status.streams)};
        this.points.push(point);
        const oldest = status.time - WINDOW_MILLIS;
        while (this.points.length && this.points[0].time < oldest) {
            this.points.shift();
        }
        return point;
    }
}
