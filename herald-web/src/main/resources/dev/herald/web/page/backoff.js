// How long the page waits before it tries again. Pure: no timers, no network, no DOM; the randomness is passed in,
// so a test can fix it.

/**
 * Exponential back-off with full jitter (the delay drawn uniformly between 0 and min(cap, base × 2^attempt), as in
 * "Exponential Backoff And Jitter", AWS Architecture Blog, 2015): pages refused together do not come back together.
 */
export class Backoff {
    /**
     * @param {number} baseMillis the ceiling of the first delay, in milliseconds
     * @param {number} capMillis the largest ceiling, in milliseconds
     */
    constructor(baseMillis, capMillis) {
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
        Object.freeze(this);
    }

    /**
     * The delay before try number `attempt` (0 for the first retry), in milliseconds.
     * @param {number} attempt how many tries in a row failed before this one, less one
     * @param {() => number} random a number in [0, 1), Math.random by default
     */
    delayMillis(attempt, random = Math.random) {
        const ceiling = Math.min(this.capMillis, this.baseMillis * 2 ** Math.min(attempt, 30));
        return Math.floor(random() * ceiling);
    }
}

/** After a failure that may clear up by itself: the network, a server error, a stream that did not open. */
export const AFTER_FAILURE = new Backoff(1000, 60_000);

/**
 * After a refusal by the access rules (401, 403): it clears up only once the person or the embedding application
 * gets a new token, so the page starts slower than after a failure and shows why it waits.
 */
export const AFTER_REFUSAL = new Backoff(5000, 60_000);

/**
 * The wait a `Retry-After` header asks for, in milliseconds (RFC 9110 10.2.3: seconds, or an HTTP date), or 0 when it
 * is absent or cannot be read.
 * @param {string | null} header the header's value
 * @param {number} nowMillis the current time, for a date
 */
export function retryAfterMillis(header, nowMillis = Date.now()) {
    if (!header) {
        return 0;
    }
    const value = header.trim();
    if (/^\d+$/.test(value)) {
        return Number(value) * 1000;
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? 0 : Math.max(0, date - nowMillis);
}

/**
 * A period spread by ±half of it, so that pages opened together do not act together.
 * @param {number} millis the mean period
 * @param {() => number} random a number in [0, 1)
 */
export function spread(millis, random = Math.random) {
    return Math.floor(millis / 2 + random() * millis);
}
