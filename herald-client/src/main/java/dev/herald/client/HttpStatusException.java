package dev.herald.client;

/**
 * The server answered a connection attempt with a status other than 200 (and 204, which closes the source without an
 * error). Retried only if the {@link RetryPolicy} lists the status; otherwise the source closes, as a browser's does.
 */
public final class HttpStatusException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpStatusException(int status) {
        super("the server answered " + status + " instead of 200 with an event stream", null);
        this.status = status;
    }

    /** The HTTP status code of the answer. */
    public int status() {
        return status;
    }
}
