package dev.herald.server.webhook;

import java.util.concurrent.CompletionStage;

/**
 * Remembers the ids of deliveries so that a redelivery publishes nothing: GitHub's {@code X-GitHub-Delivery}, the
 * Standard Webhooks' {@code webhook-id}. Both say that a redelivery carries the same id as the delivery it repeats.
 * Ids are remembered per webhook ({@code github}, or a Standard Webhook's name), so two senders cannot collide.
 *
 * <p>A webhook marks an id before it publishes, and {@linkplain #forget forgets} it when the publish fails, so that
 * the redelivery of a failed delivery is published ({@link OncePerDelivery}). Implementations are safe from any thread.
 */
public interface Redeliveries extends AutoCloseable {

    /** The longest delivery id a webhook takes; a longer one is refused, which bounds the memory of ids. */
    int MAX_ID_LENGTH = 100;

    /**
     * Marks {@code id} as delivered to {@code webhook}. Completes with {@code true} the first time, {@code false} when
     * it was marked already (and not forgotten since); fails when it cannot tell, and then nothing should be published.
     */
    CompletionStage<Boolean> firstDelivery(String webhook, String id);

    /** Unmarks {@code id} of {@code webhook}, whose event could not be published; completes once done. */
    CompletionStage<Void> forget(String webhook, String id);

    /** Releases what the memory holds (connections); the default holds none. */
    @Override
    default void close() {
    }
}
