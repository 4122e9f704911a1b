package dev.herald.redis;

import io.vertx.core.Future;
import java.util.concurrent.CompletionStage;

/**
 * A node's subscription connection as a relay holds channels through it: {@link RedisChannelSubscriber} on one Redis,
 * {@code ShardedChannelSubscriber} on a Redis Cluster. What it reports goes to its
 * {@link RedisChannelSubscriber.Listener}.
 */
public interface SubscriptionConnection extends AutoCloseable {

    /** Connects for the first time; fails when Redis cannot be reached, so a misconfiguration shows at start. */
    Future<Void> start();

    /**
     * Holds a channel, subscribing to it if nobody held it; completes when Redis confirmed the subscription, after an
     * outage too. Each call is matched by one {@link #unsubscribe}.
     */
    CompletionStage<Void> subscribe(String channel);

    /** Lets go of a channel; the last holder to let go unsubscribes from it. */
    void unsubscribe(String channel);

    @Override
    void close();
}
