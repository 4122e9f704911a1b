package dev.herald.access;

/**
 * A request {@link AccessControl} refused: its status (401 or 403), the message of its JSON error body and, for a 401,
 * the {@code WWW-Authenticate} value to send with it. The refusal is counted already.
 */
public final class AccessRefusedException extends RuntimeException {

    private final int status;
    private final String challenge;

    public AccessRefusedException(int status, String message, String challenge) {
        super(message, null, false, false);
        this.status = status;
        this.challenge = challenge;
    }

    /** 401 (no token, or a bad one) or 403 (a token that does not cover the channel, a cross-site cookie). */
    public int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} header's value for a 401; null for a 403. */
    public String challenge() {
        return challenge;
    }
}
