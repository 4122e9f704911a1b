package dev.herald.publish;

import java.time.Duration;

/**
 * A publish refused because the node's delivery backlog stayed over {@code publish-backlog} for the whole of
 * {@code publish-wait} ({@link Backpressure}): nothing was published. An HTTP adapter answers {@code 503} with
 * {@code Retry-After: }{@link #retryAfterSeconds()}; the publisher may send it again then.
 */
public final class BacklogFullException extends RuntimeException {

    /** The {@code Retry-After} of the 503, in seconds. */
    public static final long RETRY_AFTER_SECONDS = 1;

    public BacklogFullException(Duration waited) {
        super("Herald is delivering events more slowly than they are published: the event waited "
                + waited.toMillis() + " ms for room and was not published; publish it again after "
                + RETRY_AFTER_SECONDS + " s, or more slowly", null, false, false);
    }

    /** How long the publisher should wait before it publishes again, in seconds. */
    public long retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
