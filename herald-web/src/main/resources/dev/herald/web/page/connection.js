// The page's connection to Herald, apart from the DOM: the stream, long polling when streams fail, back-off after
// refusals, and the way back to the stream. It tells what happens through events (see Connection); paths are
// relative, so the page also works when Herald is mounted under a prefix.
import { AFTER_FAILURE, AFTER_REFUSAL, retryAfterMillis, spread } from './backoff.js';

/** Failed stream opens in a row, while a poll works, after which the page long-polls instead. */
const MAX_FAILED_OPENS = 3;
/** How long a stream or a run of polls must stay healthy before the back-off starts again from its first step. */
const HEALTHY_MILLIS = 30_000;
/**
 * While long polling, how often (spread ±50 %) the page tries the stream again: a proxy that broke streams may have
 * been fixed, and a stream costs the server less than a poll every 25 s.
 */
const STREAM_AGAIN_MILLIS = 30_000;
/** How long a stream tried again must stay open before the page leaves long polling for it. */
const STABLE_MILLIS = 3000;
const POLL_WAIT_SECONDS = 25;
/** How many ids the page remembers to drop an event both the stream and a poll brought. */
const SEEN_IDS = 1000;

/**
 * A connection that dispatches:
 * - `notification` (detail `{ id, data }`): a `notify` event, once per id, in order;
 * - `state` (detail `{ state, reason }`): `connecting`, `connected`, `reconnecting`, or `refused` with the server's
 *   message as `reason` and the wait before the next try as `retryMillis`;
 * - `transport` (detail `{ transport }`): `stream` or `long polling`;
 * - `notice` (detail `{ kind }`): `history-gone` (events were missed: history no longer holds them) or
 *   `token-expired` (the stream's token expired; the server closed it).
 */
export class Connection extends EventTarget {
    #cursor = '';
    #seen = new Set();
    #attempt = 0;
    #failedOpens = 0;
    #askFirst = true;
    #healthyTimer = 0;
    #healthySince = 0;
    #trial = null;
    #polling = false;
    #pollAbort = null;

    /** Asks with a poll first (it learns the cursor, or why it is refused), then opens the stream. */
    start() {
        this.#emit('state', { state: 'connecting' });
        this.#emit('transport', { transport: 'stream' });
        this.#reconnect();
    }

    // ---- the stream ----

    #streamUrl() {
        // A new EventSource starts without the last event id; the query parameter carries it, so nothing is lost.
        return this.#cursor ? 'stream?lastEventId=' + encodeURIComponent(this.#cursor) : 'stream';
    }

    #openStream(trial) {
        const attempt = { source: new EventSource(this.#streamUrl()), trial, opened: false, stableTimer: 0 };
        const source = attempt.source;
        source.onopen = () => {
            attempt.opened = true;
            if (attempt.trial) {
                attempt.stableTimer = setTimeout(() => this.#leavePolling(attempt), STABLE_MILLIS);
            } else {
                this.#streamOpened();
            }
        };
        source.onerror = () => (attempt.trial ? this.#trialFailed(attempt) : this.#streamFailed(attempt));
        source.addEventListener('notify', (event) => this.#deliver(event.lastEventId, event.data));
        // Neither event has an id of its own; each carries the stream's last id, which may be the resume point the
        // server sent in a frame of its own (an id without data, which no script sees otherwise).
        source.addEventListener('history-gone', (event) => {
            this.#advance(event.lastEventId);
            this.#emit('notice', { kind: 'history-gone' });
        });
        // The token expired and the server ends the stream. The browser reconnects by itself with Last-Event-ID and
        // whatever cookie the embedding application set meanwhile; a refusal then is handled as any other.
        source.addEventListener('token-expired', (event) => {
            this.#advance(event.lastEventId);
            this.#emit('notice', { kind: 'token-expired' });
        });
        return attempt;
    }

    #streamOpened() {
        this.#failedOpens = 0;
        this.#emit('state', { state: 'connected' });
        this.#healthyFrom(Date.now());
    }

    #streamFailed(attempt) {
        this.#notHealthy();
        if (attempt.opened && attempt.source.readyState === EventSource.CONNECTING) {
            // An open stream ended: the browser reconnects by itself (after the server's retry, with Last-Event-ID).
            attempt.opened = false;
            this.#emit('state', { state: 'reconnecting' });
            return;
        }
        // No stream: the server answered something else, or the network failed. An EventSource cannot see the
        // status, so a poll from the same cursor (admitted by the same rules) says why.
        attempt.source.close();
        this.#emit('state', { state: 'reconnecting' });
        this.#diagnose();
    }

    async #diagnose() {
        const answer = await this.#fetchPoll(0);
        if (answer.events) {
            this.#failedOpens++;
            if (this.#failedOpens >= MAX_FAILED_OPENS) {
                this.#startPolling(); // polls work, streams do not: something on the way breaks streams
            } else {
                this.#later(() => this.#reconnect(), AFTER_FAILURE.delayMillis(this.#attempt++));
            }
        } else {
            this.#later(() => this.#reconnect(), this.#waitAfter(answer));
        }
    }

    /**
     * At the start and after a refusal the page asks with a poll first, a cheaper request that answers at once, and
     * opens a stream once a poll is admitted (the serving core admits both by the same rules).
     */
    async #reconnect() {
        if (this.#askFirst) {
            const answer = await this.#fetchPoll(0);
            if (!answer.events) {
                this.#later(() => this.#reconnect(), this.#waitAfter(answer));
                return;
            }
        }
        this.#openStream(false);
    }

    // ---- long polling, and the way back to the stream ----

    #startPolling() {
        this.#polling = true;
        this.#emit('transport', { transport: 'long polling' });
        this.#poll();
        this.#tryStreamLater();
    }

    async #poll() {
        if (!this.#polling) {
            return;
        }
        const answer = await this.#fetchPoll(POLL_WAIT_SECONDS);
        if (!this.#polling) {
            return;
        }
        if (answer.events) {
            this.#poll();
        } else {
            this.#notHealthy();
            this.#later(() => this.#poll(), this.#waitAfter(answer));
        }
    }

    #tryStreamLater() {
        setTimeout(() => {
            this.#trial = this.#openStream(true);
        }, spread(STREAM_AGAIN_MILLIS));
    }

    #trialFailed(attempt) {
        clearTimeout(attempt.stableTimer);
        attempt.source.close();
        if (this.#trial === attempt) {
            this.#trial = null;
            this.#tryStreamLater();
        }
    }

    /** The stream tried again stayed open: it takes over from the poll (both brought events after the cursor, once). */
    #leavePolling(attempt) {
        this.#polling = false;
        this.#pollAbort?.abort();
        this.#trial = null;
        attempt.trial = false;
        this.#emit('transport', { transport: 'stream' });
        this.#streamOpened();
    }

    // ---- what polls answer ----

    /**
     * One poll from the cursor. Resolves to `{ events: true }` once its events are delivered, or to
     * `{ status, message, retryAfterMillis }` when it was refused (status 0: the network or the server failed).
     */
    async #fetchPoll(waitSeconds) {
        const controller = new AbortController();
        this.#pollAbort = controller;
        const url = 'poll?wait=' + waitSeconds + (this.#cursor ? '&since=' + encodeURIComponent(this.#cursor) : '');
        try {
            // Sends the herald_token cookie, when the embedding application set one, and only to this origin.
            const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: controller.signal });
            const body = await res.json().catch(() => null);
            if (!res.ok || !body || !Array.isArray(body.events)) {
                return this.#refused(res, body);
            }
            this.#askFirst = false;
            if (body.historyGone) {
                this.#emit('notice', { kind: 'history-gone' });
            }
            body.events.filter((event) => event.type === 'notify')
                .forEach((event) => this.#deliver(event.id, event.data));
            if (body.next) {
                this.#cursor = body.next;
            }
            this.#emit('state', { state: 'connected' });
            if (!this.#healthySince) {
                this.#healthyFrom(Date.now());
            }
            return { events: true };
        } catch (failed) {
            return { status: 0, message: '', retryAfterMillis: 0 };
        }
    }

    #refused(res, body) {
        const message = (body && typeof body.message === 'string') ? body.message : 'HTTP ' + res.status;
        this.#askFirst = [401, 403, 429, 503].includes(res.status);
        return { status: res.status, message, retryAfterMillis: retryAfterMillis(res.headers.get('Retry-After')) };
    }

    /** The wait after a poll that did not answer events, and the state the person is shown meanwhile. */
    #waitAfter(answer) {
        let millis;
        if (answer.status === 401 || answer.status === 403) {
            millis = AFTER_REFUSAL.delayMillis(this.#attempt++);
            this.#emit('state', { state: 'refused', reason: answer.message, retryMillis: millis });
            return millis;
        }
        if (answer.status === 429 || answer.status === 503) {
            // At least what the server asks, plus jitter so the pages it refused together come back apart.
            millis = answer.retryAfterMillis + AFTER_FAILURE.delayMillis(this.#attempt++);
            this.#emit('state', { state: 'refused', reason: answer.message, retryMillis: millis });
            return millis;
        }
        this.#emit('state', { state: 'reconnecting' });
        return AFTER_FAILURE.delayMillis(this.#attempt++);
    }

    // ---- bookkeeping ----

    #deliver(id, data) {
        if (id) {
            if (this.#seen.has(id)) {
                return;
            }
            this.#seen.add(id);
            if (this.#seen.size > SEEN_IDS) {
                this.#seen.delete(this.#seen.values().next().value);
            }
            this.#advance(id);
        }
        this.#emit('notification', { id, data });
    }

    #advance(id) {
        if (id) {
            this.#cursor = id;
        }
    }

    /** The back-off starts again from its first step only once the connection stayed healthy a while. */
    #healthyFrom(since) {
        clearTimeout(this.#healthyTimer);
        this.#healthySince = since;
        this.#healthyTimer = setTimeout(() => {
            this.#attempt = 0;
        }, HEALTHY_MILLIS);
    }

    #notHealthy() {
        clearTimeout(this.#healthyTimer);
        this.#healthySince = 0;
    }

    #later(action, millis) {
        setTimeout(action, millis);
    }

    #emit(type, detail) {
        this.dispatchEvent(new CustomEvent(type, { detail }));
    }
}
