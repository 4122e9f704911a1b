package dev.herald.publish;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The idempotency keys of one node, in memory: at most {@link #MAX_KEYS} keys, each until its window ends. When full,
 * the key claimed longest ago is forgotten first (a repeat of it would publish again), so a flood of keys cannot grow
 * the heap without bound. Safe from any thread (one lock; each call is a few map operations).
 */
public final class MemoryIdempotencyStore implements IdempotencyStore {

    /** The most keys remembered at once. */
    public static final int MAX_KEYS = 100_000;

    private final LongSupplier nanoClock;
    private final int maxKeys;
    /** Guarded by itself; in order of claim, so the first entries are the oldest. */
    private final LinkedHashMap<String, Entry> keys = new LinkedHashMap<>();

    public MemoryIdempotencyStore() {
        this(System::nanoTime, MAX_KEYS);
    }

    /** A store reading time from {@code nanoClock}, holding at most {@code maxKeys}. */
    public MemoryIdempotencyStore(LongSupplier nanoClock, int maxKeys) {
        this.nanoClock = nanoClock;
        this.maxKeys = maxKeys;
    }

    private record Entry(String id, long expiresAtNanos) {
    }

    @Override
    public CompletionStage<Claim> claim(String key, Duration window) {
        long now = nanoClock.getAsLong();
        synchronized (keys) {
            Entry held = keys.get(key);
            if (held != null && held.expiresAtNanos - now > 0) {
                return CompletableFuture.completedFuture(
                        held.id == null ? new Claim.InFlight() : new Claim.Replay(held.id));
            }
            keys.remove(key);
            evictExpiredOrOldest(now);
            keys.put(key, new Entry(null, now + window.toNanos()));
        }
        return CompletableFuture.completedFuture(new Claim.Claimed());
    }

    @Override
    public CompletionStage<Void> complete(String key, String id, Duration window) {
        long now = nanoClock.getAsLong();
        synchronized (keys) {
            if (keys.containsKey(key)) {
                keys.put(key, new Entry(id, now + window.toNanos()));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> release(String key) {
        synchronized (keys) {
            keys.remove(key);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** How many keys are held, expired ones not yet swept included. */
    public int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    private void evictExpiredOrOldest(long now) {
        Iterator<Map.Entry<String, Entry>> oldestFirst = keys.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Entry entry = oldestFirst.next().getValue();
            if (entry.expiresAtNanos - now > 0 && keys.size() < maxKeys) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
