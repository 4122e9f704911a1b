package dev.herald.auth;

/** A token that is not accepted: malformed, badly signed, expired, not yet valid, or for another issuer or audience. */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
