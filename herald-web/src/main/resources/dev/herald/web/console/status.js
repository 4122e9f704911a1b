import {lineChart} from './chart.js';
import {el, number, rate, replace} from './dom.js';
import {NodeSeries, streamTotal} from './rates.js';

// The Status view: one card per node seen on the node's own event stream console/status (event "node", one a second
// per node at least; every node in Redis modes). A node silent for SILENT_MILLIS is shown as gone; it comes back to
// life with its next status.

/** A node unheard of for this long (ms) is shown as gone. */
export const SILENT_MILLIS = 5000;

export class StatusView {
    /**
     * container: where the cards go; badge: the stream's state in words; onNodes(nodes) is called after each status
     * with every node's latest status (a Map of node id to {status, gone}); onClosed() when the stream is refused for
     * good (the session ended).
     */
    constructor(container, badge, onNodes, onClosed) {
        this.container = container;
        this.badge = badge;
        this.onNodes = onNodes;
        this.onClosed = onClosed;
        this.nodes = new Map();
        this.localNode = null;
        this.source = null;
    }

    start() {
        this.stop();
        // rewind: the newest statuses the node still holds (up to 100), so the charts start with a history
        const source = new EventSource('status?rewind=100');
        this.source = source;
        source.addEventListener('open', () => this.state('Live', 'live'));
        source.addEventListener('node', (event) => this.show(JSON.parse(event.data)));
        source.addEventListener('error', () => {
            if (source.readyState === EventSource.CLOSED) {
                this.state('Closed', 'gone');
                this.stop();
                this.onClosed();
            } else {
                this.state('Reconnecting…', 'waiting');
            }
        });
        this.timer = setInterval(() => this.markSilent(), 1000);
    }

    stop() {
        if (this.source) {
            this.source.close();
            this.source = null;
        }
        clearInterval(this.timer);
    }

    /** Marks the card of the node this console is served by. */
    setLocalNode(id) {
        this.localNode = id;
        for (const [node, entry] of this.nodes) {
            entry.card.classList.toggle('local', node === id);
        }
    }

    state(words, kind) {
        this.badge.textContent = words;
        this.badge.className = `badge ${kind}`;
    }

    show(status) {
        let entry = this.nodes.get(status.node);
        if (!entry) {
            entry = {series: new NodeSeries(), card: el('article', {className: 'node'})};
            entry.card.dataset.node = status.node;
            this.nodes.set(status.node, entry);
            this.container.append(...[...this.nodes.values()].map((each) => each.card)
                .sort((a, b) => a.dataset.node.localeCompare(b.dataset.node)));
        }
        entry.status = status;
        // When this node heard it, by this browser's clock: a status replayed from history (rewind) is as old as its
        // time says against the newest status of any node, so a node gone before the console opened shows as gone.
        this.newest = Math.max(this.newest ?? 0, status.time);
        entry.seenAt = Date.now() - (this.newest - status.time);
        entry.gone = Date.now() - entry.seenAt > SILENT_MILLIS;
        entry.rates = entry.series.add(status);
        this.render(entry);
        this.onNodes(this.nodes);
    }

    markSilent() {
        let changed = false;
        for (const entry of this.nodes.values()) {
            if (!entry.gone && Date.now() - entry.seenAt > SILENT_MILLIS) {
                entry.gone = true;
                changed = true;
                this.render(entry);
            }
        }
        if (changed) {
            this.onNodes(this.nodes);
        }
    }

    render(entry) {
        const {status, rates, series, card} = entry;
        card.classList.toggle('gone', entry.gone);
        card.classList.toggle('local', status.node === this.localNode);
        // The raw totals, for scripts and tests reading the card (the figures below are formatted for people).
        Object.assign(card.dataset, {streams: streamTotal(status.streams), published: status.published,
            delivered: status.delivered, gone: entry.gone});
        const state = entry.gone ? `gone: silent since ${new Date(entry.seenAt).toLocaleTimeString()}`
            : status.draining ? 'draining' : 'up';
        const streams = status.streams ?? {};
        const byTransport = Object.entries(streams).map(([transport, count]) => `${transport} ${number(count)}`).join(' · ');
        const refusals = Object.entries(status.refused ?? {}).filter(([, count]) => count > 0);
        replace(card,
            el('header', {},
                el('h2', {}, status.node),
                status.node === this.localNode ? el('span', {className: 'tag'}, 'this node') : null,
                el('span', {className: `badge ${entry.gone ? 'gone' : status.draining ? 'waiting' : 'live'}`}, state)),
            el('dl', {className: 'figures'},
                ...figure('streams', 'Streams open', number(streamTotal(streams)), byTransport || 'none'),
                ...figure('channels', 'Channels', number(status.channels)),
                ...figure('publish-rate', 'Publishes/s', rate(rates.published), `${number(status.published)} in all`),
                ...figure('delivery-rate', 'Deliveries/s', rate(rates.delivered), `${number(status.delivered)} in all`),
                ...figure('dropped', 'Dropped slow clients', number(status.dropped)),
                ...figure('broker', 'Broker', status.broker, status.brokerConnected ? 'connected' : 'disconnected'),
                ...figure('draining', 'Draining', status.draining ? 'yes' : 'no')),
            el('p', {className: 'refusals'}, el('strong', {}, 'Refusals: '),
                refusals.length ? refusals.map(([reason, count]) => `${reason} ${number(count)}`).join(' · ') : 'none'),
            el('div', {className: 'charts'},
                lineChart(series.points, 'published', 'publishes/s'),
                lineChart(series.points, 'delivered', 'deliveries/s'),
                lineChart(series.points, 'streams', 'streams open', number)));
        card.querySelector('[data-figure=broker]').classList.toggle('bad', !status.brokerConnected);
    }
}

/** A <dt>/<dd> pair; the <dd> carries data-figure. */
function figure(name, label, value, detail) {
    const dd = el('dd', {}, el('span', {className: 'value'}, value), ...(detail ? [' ', el('span', {className: 'detail'}, detail)] : []));
    dd.dataset.figure = name;
    return [el('dt', {}, label), dd];
}
