package dev.herald.publish;

/** An idempotency key not of the allowed form ({@link Idempotency#checkKey}); the message names where it came from. */
public final class InvalidIdempotencyKeyException extends IllegalArgumentException {

    public InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}
