package dev.herald.vertx;

/**
 * A request that cannot be served, with the status and the sentence the client receives as
 * {@code {"status":"error","message":"..."}}. Carries no stack trace: it is an answer, not a bug.
 */
public final class HttpProblem extends RuntimeException {

    private final int status;

    public HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }
}
