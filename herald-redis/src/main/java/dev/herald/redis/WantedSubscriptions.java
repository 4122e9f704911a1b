package dev.herald.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The bookkeeping of a subscription connection ({@link RedisChannelSubscriber}, the cluster's
 * {@code ShardedChannelSubscriber}): what it must hold, how many holders each target has, and the future its holders
 * wait on until Redis confirms the subscription (after an outage too). It sends nothing: its owner subscribes when
 * {@link #hold} says a target is new, unsubscribes when {@link #release} says its last holder let go, and subscribes
 * every target again through {@link #resubscribe} after {@link #lost}.
 *
 * <p>Not thread-safe: confined to its owner's Vert.x context.
 *
 * @param <T> what is subscribed: a channel's name, or a channel or pattern
 */
public final class WantedSubscriptions<T> {

    private final Map<T, CompletableFuture<Void>> wanted = new HashMap<>();
    private final Map<T, Integer> holders = new HashMap<>();

    /**
     * Adds a holder of {@code target}; {@code confirmed} completes once Redis confirmed it. Returns true when nobody
     * held it: the owner then subscribes, and completes {@code confirmed} through {@link #confirmed}.
     */
    public boolean hold(T target, CompletableFuture<Void> confirmed) {
        holders.merge(target, 1, Integer::sum);
        CompletableFuture<Void> existing = wanted.get(target);
        if (existing != null) {
            existing.whenComplete((ok, error) -> confirmed.complete(null));
            return false;
        }
        wanted.put(target, confirmed);
        return true;
    }

    /** Takes a holder away; returns true when it was the last one of a wanted target: the owner then unsubscribes. */
    public boolean release(T target) {
        Integer left = holders.computeIfPresent(target, (name, count) -> count > 1 ? count - 1 : null);
        return left == null && wanted.remove(target) != null;
    }

    /** Redis confirmed the subscription: its holders wait no more. */
    public void confirmed(T target) {
        CompletableFuture<Void> confirmed = wanted.get(target);
        if (confirmed != null) {
            confirmed.complete(null);
        }
    }

    /** Whether a holder holds {@code target}. */
    public boolean isWanted(T target) {
        return wanted.containsKey(target);
    }

    /** Whether {@code confirmed} is still what the holders of {@code target} wait on. */
    public boolean awaits(T target, CompletableFuture<Void> confirmed) {
        return wanted.get(target) == confirmed;
    }

    /** The connection was lost: targets confirmed before must be confirmed again by the next one before they count. */
    public void lost() {
        wanted.replaceAll((target, confirmed) -> confirmed.isDone() ? new CompletableFuture<>() : confirmed);
    }

    /**
     * Subscribes every wanted target again, {@code subscribe} given each target and the future its confirmation
     * completes; the answer completes once every one is confirmed.
     */
    public CompletableFuture<Void> resubscribe(BiConsumer<T, CompletableFuture<Void>> subscribe) {
        CompletableFuture<?>[] all = wanted.entrySet().stream()
                .map(entry -> {
                    subscribe.accept(entry.getKey(), entry.getValue());
                    return entry.getValue();
                })
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    /** How many targets are wanted. */
    public int size() {
        return wanted.size();
    }
}
