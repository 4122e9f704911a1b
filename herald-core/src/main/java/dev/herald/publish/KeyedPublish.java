package dev.herald.publish;

import dev.herald.broker.BrokerUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A publish with an idempotency key, already scoped to its publisher: the key is claimed in the store first. Free, the
 * publish goes on, and its id is remembered for the window (a failed publish forgets the key, so a retry may publish).
 * Held with an id: the answer is that id, {@link PublishReceipt#replayed() replayed}, and nothing is published. Held by
 * a publish still under way: {@link PublishInFlightException}, since its id is not known yet and waiting for it would
 * hold the caller. A store that cannot be reached: {@link BrokerUnavailableException}, nothing published.
 */
final class KeyedPublish {

    private final IdempotencyStore store;
    private final Idempotency idempotency;

    KeyedPublish(Idempotency idempotency) {
        this.idempotency = idempotency;
        this.store = idempotency.store();
    }

    CompletionStage<PublishReceipt> publish(String scopedKey, Supplier<CompletionStage<String>> publish) {
        return store.claim(scopedKey, idempotency.window()).handle((claim, unreachable) -> {
            if (unreachable != null) {
                return CompletableFuture.<PublishReceipt>failedFuture(new BrokerUnavailableException(
                        "the idempotency store cannot be reached: " + unreachable.getMessage(), unreachable));
            }
            if (claim instanceof IdempotencyStore.Claim.Replay replay) {
                return CompletableFuture.completedFuture(new PublishReceipt(replay.id(), true));
            }
            if (claim instanceof IdempotencyStore.Claim.InFlight) {
                return CompletableFuture.<PublishReceipt>failedFuture(new PublishInFlightException());
            }
            return publishClaimed(scopedKey, publish);
        }).thenCompose(receipt -> receipt);
    }

    private CompletionStage<PublishReceipt> publishClaimed(String scopedKey, Supplier<CompletionStage<String>> publish) {
        CompletableFuture<PublishReceipt> done = new CompletableFuture<>();
        publish.get().whenComplete((id, error) -> {
            CompletionStage<Void> remembered = error == null
                    ? store.complete(scopedKey, id, idempotency.window())
                    : store.release(scopedKey);
            // The event is published (or not) whatever the store answers: a store failure here only loses the key.
            remembered.whenComplete((ignored, storeError) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(new PublishReceipt(id, false));
                }
            });
        });
        return done;
    }
}
