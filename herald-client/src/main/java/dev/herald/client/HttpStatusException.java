package dev.herald.client;

/**
 * The server answered a connection attempt with a status other than 200 (and 204, which closes the source without an
 * error). Retried only if the {@link RetryPolicy} lists the status; otherwise the source closes, as a browser's does.
 */
public final class HttpStatusException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    HttpStatusException(int status, String body) {
        super("the server answered " + status + " instead of 200 with an event stream"
                + (body.isBlank() ? "" : ": " + body.strip()), null);
        this.status = status;
        this.body = body;
    }

    /** The HTTP status code of the answer. */
    public int status() {
        return status;
    }

    /**
     * The start of the answer's body as UTF-8 text (Herald's is JSON: {@code {"status":"error","message":"..."}}), at
     * most 1024 bytes of it; empty if it had none.
     */
    public String body() {
        return body;
    }
}
