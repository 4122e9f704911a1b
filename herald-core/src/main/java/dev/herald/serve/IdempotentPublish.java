package dev.herald.serve;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.publish.Idempotency;
import dev.herald.publish.IdempotencyStore;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A publish with an idempotency key, already scoped to its publisher: the key is claimed in the store first. Free, the
 * publish goes on, and its id is remembered for the window (a failed publish forgets the key, so a retry may publish).
 * Held with an id: the answer is that id, {@link PublishOutcome.Published#replayed() replayed}, and nothing is
 * published. Held by a publish still under way: 409 with {@code Retry-After: 1} (as Stripe answers), since its id is
 * not known yet and waiting for it would hold the request. A store that cannot be reached: 503, nothing published.
 */
final class IdempotentPublish {

    static final String IN_FLIGHT_MESSAGE = "a publish with this Idempotency-Key is still under way; retry shortly";

    private final IdempotencyStore store;
    private final Idempotency idempotency;

    IdempotentPublish(Idempotency idempotency) {
        this.idempotency = idempotency;
        this.store = idempotency.store();
    }

    CompletionStage<PublishOutcome> publish(String scopedKey, Supplier<CompletionStage<String>> publish) {
        return store.claim(scopedKey, idempotency.window()).handle((claim, unreachable) -> {
            if (unreachable != null) {
                return CompletableFuture.completedFuture(PublishService.outcome(null, new BrokerUnavailableException(
                        "the idempotency store cannot be reached: " + unreachable.getMessage(), unreachable)));
            }
            if (claim instanceof IdempotencyStore.Claim.Replay replay) {
                return CompletableFuture.<PublishOutcome>completedFuture(new PublishOutcome.Published(replay.id(), true));
            }
            if (claim instanceof IdempotencyStore.Claim.InFlight) {
                return CompletableFuture.<PublishOutcome>completedFuture(
                        new Refused(409, IN_FLIGHT_MESSAGE, Map.of("Retry-After", "1")));
            }
            return publishClaimed(scopedKey, publish);
        }).thenCompose(outcome -> outcome);
    }

    private CompletionStage<PublishOutcome> publishClaimed(String scopedKey, Supplier<CompletionStage<String>> publish) {
        return publish.get().handle((id, error) -> {
            CompletionStage<Void> remembered = error == null
                    ? store.complete(scopedKey, id, idempotency.window())
                    : store.release(scopedKey);
            // The event is published (or not) whatever the store answers: a store failure here only loses the key.
            return remembered.handle((ignored, storeError) -> PublishService.outcome(id, error));
        }).thenCompose(outcome -> outcome);
    }
}
