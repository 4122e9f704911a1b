package dev.herald.server.webhook;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The delivery ids of one node, in memory: the last {@code capacity} ids of all webhooks together, the oldest
 * forgotten first. A redelivery is recognised while its id is among them. Enough for one node; nodes behind a load balancer share
 * {@link RedisRedeliveries} instead. Completes at once; safe from any thread (one lock).
 */
public final class MemoryRedeliveries implements Redeliveries {

    /** Ten thousand ids: about 1.3 MB of GitHub's 36-character ids, about 2 MB of the longest ids the webhook takes. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    /** {@code <webhook> <id>} (a webhook's name has no space), in the order they were marked; guarded by {@code this}. */
    private final Set<String> ids = new LinkedHashSet<>();

    public MemoryRedeliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized CompletionStage<Boolean> firstDelivery(String webhook, String id) {
        if (!ids.add(key(webhook, id))) {
            return CompletableFuture.completedFuture(false);
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public synchronized CompletionStage<Void> forget(String webhook, String id) {
        ids.remove(key(webhook, id));
        return CompletableFuture.completedFuture(null);
    }

    private static String key(String webhook, String id) {
        return webhook + " " + id;
    }
}
