package dev.herald.publish;

import dev.herald.broker.InvalidChannelException;
import dev.herald.sse.InvalidEventException;
import java.util.concurrent.CompletionException;

/**
 * How an HTTP adapter answers a publish that {@link Publisher#publish} failed: 400 with the refusal's own words for an
 * event, channel or idempotency key the door refused, 409 for a key held by a publish still under way
 * ({@link PublishInFlightException}: retry shortly), 503 with its own words when it waited too long for room
 * ({@link BacklogFullException}, with {@code Retry-After}), 503 for anything else (the broker could not take it; the
 * publisher may retry).
 *
 * @param status  400, 409 or 503
 * @param message the message for the client; never a stack trace
 * @param cause   the failure itself, unwrapped from {@link CompletionException}
 */
public record PublishFailure(int status, String message, Throwable cause) {

    /** What a client is told when the broker could not take its event. */
    public static final String UNAVAILABLE = "The event could not be published right now; try again";

    /** Classifies a failure of a publish stage. */
    public static PublishFailure of(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InvalidEventException || cause instanceof InvalidChannelException
                || cause instanceof InvalidBatchItemException || cause instanceof InvalidIdempotencyKeyException) {
            return new PublishFailure(400, cause.getMessage(), cause);
        }
        if (cause instanceof PublishInFlightException) {
            return new PublishFailure(409, cause.getMessage(), cause);
        }
        if (cause instanceof BacklogFullException) {
            return new PublishFailure(503, cause.getMessage(), cause);
        }
        return new PublishFailure(503, UNAVAILABLE, cause);
    }

    /** The {@code Retry-After} to answer with, in seconds; 0 for none. */
    public long retryAfterSeconds() {
        return cause instanceof BacklogFullException full ? full.retryAfterSeconds() : 0;
    }

    /** True for a refusal of the client's event (400), false for a failure of the broker (503). */
    public boolean refused() {
        return status == 400;
    }
}
