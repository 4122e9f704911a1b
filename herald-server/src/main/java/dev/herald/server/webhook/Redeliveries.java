package dev.herald.server.webhook;

import java.util.concurrent.CompletionStage;

/**
 * Remembers the ids of deliveries ({@code X-GitHub-Delivery}) so that a redelivery publishes nothing. GitHub's "Best
 * practices for using webhooks": a redelivery carries the same id as the delivery it repeats; GitHub redelivers when
 * asked to (in the webhook's "Recent Deliveries", or through its API).
 *
 * <p>The webhook marks an id before it publishes, and {@linkplain #forget forgets} it when the publish fails, so that
 * the redelivery of a failed delivery is published. Implementations are safe from any thread.
 */
public interface Redeliveries extends AutoCloseable {

    /**
     * Marks {@code id} as delivered. Completes with {@code true} the first time, {@code false} when it was marked
     * already (and not forgotten since); fails when it cannot tell, and then nothing should be published.
     */
    CompletionStage<Boolean> firstDelivery(String id);

    /** Unmarks {@code id}, whose event could not be published; completes once done. */
    CompletionStage<Void> forget(String id);

    /** Releases what the memory holds (connections); the default holds none. */
    @Override
    default void close() {
    }
}
