package dev.herald.publish;

/**
 * A publish whose idempotency key is held by a publish still under way: nothing was published, and the first one's id
 * is not known yet. Retry shortly (HTTP answers 409 with {@code Retry-After: 1}, as Stripe does).
 */
public final class PublishInFlightException extends IllegalStateException {

    /** What a client is told. */
    public static final String MESSAGE = "a publish with this Idempotency-Key is still under way; retry shortly";

    public PublishInFlightException() {
        super(MESSAGE);
    }
}
