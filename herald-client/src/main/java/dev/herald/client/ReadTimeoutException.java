package dev.herald.client;

import java.time.Duration;

/**
 * Nothing arrived (no answer, or no byte of the stream) for the read timeout: the connection is taken for dead (a
 * stalled server, a half-open connection behind a proxy), closed, and retried.
 */
public final class ReadTimeoutException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    ReadTimeoutException(Duration timeout) {
        super("nothing arrived for " + timeout.toMillis() + " ms, the read timeout", null);
        this.timeout = timeout;
    }

    /** The read timeout that passed. */
    public Duration timeout() {
        return timeout;
    }
}
