import {el, errorText, words} from './dom.js';
import {FrameSplitter, fieldOf, kindOf} from './frames.js';

// The debugger's subscriber: GET ../stream through fetch, read as a stream, so each frame is shown raw as it arrives
// (an EventSource would hide ids, retry and comments, and cannot send Authorization). A token, when given, goes as
// Authorization: Bearer; without one the browser sends its cookies (the page's herald_token), as an EventSource would.

/** Frames kept on screen; older ones are dropped. */
const KEPT = 500;

export class Subscriber {
    /** elements: {form, channels, lastEventId, token, stop, clear, comments, state, frames}. */
    constructor(elements) {
        this.elements = elements;
        this.running = null;
        elements.form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.subscribe();
        });
        elements.stop.addEventListener('click', () => this.stop());
        elements.clear.addEventListener('click', () => elements.frames.replaceChildren());
        elements.comments.addEventListener('change', () => this.showComments());
        this.showComments();
    }

    showComments() {
        this.elements.frames.classList.toggle('with-comments', this.elements.comments.checked);
    }

    stop() {
        if (this.running) {
            this.running.abort();
            this.running = null;
            this.state('Stopped', 'idle');
        }
        this.elements.stop.disabled = true;
    }

    state(text, kind) {
        this.elements.state.textContent = text;
        this.elements.state.className = `badge ${kind}`;
    }

    async subscribe() {
        this.stop();
        const channels = words(this.elements.channels.value);
        const query = new URLSearchParams(channels.map((channel) => ['channel', channel]));
        const headers = {Accept: 'text/event-stream'};
        const lastEventId = this.elements.lastEventId.value.trim();
        if (lastEventId) {
            headers['Last-Event-ID'] = lastEventId;
        }
        const token = this.elements.token.value.trim();
        if (token) {
            headers.Authorization = `Bearer ${token}`;
        }
        const running = new AbortController();
        this.running = running;
        this.elements.stop.disabled = false;
        const names = channels.join(', ');
        this.state(`Connecting to ${names}…`, 'waiting');
        try {
            const response = await fetch(`../stream?${query}`, {headers, signal: running.signal, cache: 'no-store',
                credentials: 'same-origin'});
            if (!response.ok || !(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
                this.finish(running, `Refused: ${response.status}, ${await errorText(response)}`, 'gone');
                return;
            }
            this.state(`Subscribed to ${names} (${response.status})`, 'live');
            await this.read(response.body, running);
            this.finish(running, 'The stream ended: the node closed it (an EventSource would reconnect after its retry)', 'idle');
        } catch (error) {
            if (error.name !== 'AbortError') {
                this.finish(running, `The stream failed: ${error.message}`, 'gone');
            }
        }
    }

    finish(running, text, kind) {
        if (this.running === running) {
            this.running = null;
            this.elements.stop.disabled = true;
            this.state(text, kind);
        }
    }

    async read(body, running) {
        const reader = body.pipeThrough(new TextDecoderStream()).getReader();
        const splitter = new FrameSplitter();
        for (;;) {
            const {value, done} = await reader.read();
            if (done || running.signal.aborted) {
                splitter.end().forEach((lines) => this.show(lines, true));
                return;
            }
            splitter.push(value).forEach((lines) => this.show(lines, false));
        }
    }

    show(lines, unfinished) {
        const kind = kindOf(lines);
        const raw = el('pre', {className: 'raw'}, ...lines.flatMap((line, at) => [
            at ? '\n' : null, el('span', {className: `field field-${fieldOf(line)}`}, line)]).filter((part) => part !== null));
        const item = el('li', {className: `frame ${kind}`},
            el('span', {className: 'time'}, new Date().toLocaleTimeString()),
            unfinished ? el('span', {className: 'hint'}, ' (no blank line after it: not dispatched)') : null,
            raw);
        const frames = this.elements.frames;
        frames.prepend(item);
        while (frames.children.length > KEPT) {
            frames.lastElementChild.remove();
        }
    }
}
