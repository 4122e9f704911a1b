import {el, errorText, number, replace} from './dom.js';

// The Channels view: this node's channels from console/channels?match= (its full list, asked again as the filter
// changes), and every node's busiest channels from the latest status of each (live, filtered here).

const LIMIT = 200;

export class ChannelsView {
    /** elements: {form, match, node, summary, local, all}; onLocalNode(id) learns this node's id from the answer. */
    constructor(elements, onLocalNode) {
        this.elements = elements;
        this.onLocalNode = onLocalNode;
        this.nodes = new Map();
        this.asked = 0;
        let typing;
        elements.match.addEventListener('input', () => {
            clearTimeout(typing);
            typing = setTimeout(() => this.refresh(), 150);
            this.renderAll();
        });
        elements.form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.refresh();
        });
    }

    /** Asks this node for its channels that match the filter; an answer overtaken by a newer question is dropped. */
    async refresh() {
        const match = this.elements.match.value.trim();
        const asked = ++this.asked;
        const query = new URLSearchParams({match, limit: String(LIMIT)});
        let response;
        try {
            response = await fetch(`channels?${query}`, {headers: {Accept: 'application/json'}, cache: 'no-store'});
        } catch (error) {
            this.elements.summary.textContent = `The channels could not be read: ${error.message}`;
            return;
        }
        if (asked !== this.asked) {
            return;
        }
        if (!response.ok) {
            this.elements.summary.textContent = `The channels could not be read: ${await errorText(response)}`;
            return;
        }
        const body = await response.json();
        this.onLocalNode(body.node);
        this.elements.node.textContent = `(${body.node})`;
        this.elements.summary.textContent = body.total === 0
            ? (match ? `No channel holds “${match}”.` : 'No channel has a stream open.')
            : `${number(body.total)} channel${body.total === 1 ? '' : 's'}${match ? ` holding “${match}”` : ''}`
              + (body.truncated ? `, the ${number(body.channels.length)} with the most streams shown` : '');
        replace(this.elements.local, ...body.channels.map((channel) =>
            row(channel.channel, number(channel.streams), el('span', {className: 'hint', title: 'Presence comes with part 11'}, '–'))));
    }

    /** Takes every node's latest status (see StatusView) and shows their busiest channels together. */
    setNodes(nodes) {
        this.nodes = nodes;
        this.renderAll();
    }

    renderAll() {
        const match = this.elements.match.value.trim();
        const merged = new Map();
        for (const [node, entry] of this.nodes) {
            if (entry.gone) {
                continue;
            }
            for (const {channel, streams} of entry.status.topChannels ?? []) {
                if (!channel.includes(match)) {
                    continue;
                }
                const sum = merged.get(channel) ?? {streams: 0, nodes: []};
                sum.streams += streams;
                sum.nodes.push(node);
                merged.set(channel, sum);
            }
        }
        const rows = [...merged].sort(([a, x], [b, y]) => y.streams - x.streams || a.localeCompare(b))
            .map(([channel, sum]) => row(channel, number(sum.streams), sum.nodes.sort().join(', ')));
        replace(this.elements.all, ...(rows.length ? rows : [el('tr', {}, el('td', {colSpan: 3, className: 'hint'}, 'None.'))]));
    }
}

function row(channel, streams, third) {
    const tr = el('tr', {}, el('td', {className: 'channel'}, channel), el('td', {className: 'num'}, streams), el('td', {}, third));
    tr.dataset.channel = channel;
    return tr;
}
