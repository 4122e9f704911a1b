package dev.herald.broker.relay;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.metrics.HeraldMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels and patterns a {@link RelayedBroker} holds on its relay: each held there once, however many listeners
 * and publishes of this node need it, and kept for the linger ({@link RelayOptions#LINGER}) after the last of them let
 * go, so that a listener back within it misses nothing. A hold that begins on the relay is first marked in the memory
 * broker ({@link MemoryBroker#heldFrom}: what was published there before did not reach this node); the mark is
 * forgotten when the relay lets go. An idle channel is let go of between one and one and a quarter lingers after its
 * last holder left (a sweep runs every quarter of the linger, from 10 ms to 1 s); with a zero linger, at once.
 *
 * <p>Safe from any thread. One lock guards the table; the relay and the memory broker are called outside it, since
 * a listener may cancel its subscription (and so release) while the memory broker delivers under its own lock.
 */
final class ChannelHolds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelHolds.class);

    /** One need of a channel or pattern: a listener's or a publish's; {@link #release} lets go of it once. */
    final class Hold {
        private final Key key;
        private final Entry entry;
        private final AtomicBoolean released = new AtomicBoolean();

        private Hold(Key key, Entry entry) {
            this.key = key;
            this.entry = entry;
        }

        /** Completes once the relay delivers the channel's messages to this node (at once when it already did). */
        CompletionStage<Void> held() {
            return entry.held.minimalCompletionStage();
        }

        /** Lets go of this need; the first call only. */
        void release() {
            if (released.compareAndSet(false, true)) {
                ChannelHolds.this.release(key, entry);
            }
        }
    }

    private record Key(String name, boolean pattern) {
    }

    /** A channel or pattern held on the relay. */
    private static final class Entry {
        final CompletableFuture<Void> held = new CompletableFuture<>();
        /** The memory broker's mark, written by the holder that began the hold before anyone can let go of it. */
        volatile long mark;
        int holders; // guarded by lock
        long idleSinceNanos; // guarded by lock
    }

    private final Relay relay;
    private final MemoryBroker local;
    private final long lingerNanos;
    private final HeraldMetrics metrics;
    private final ScheduledExecutorService sweeper; // null for a zero linger

    private final Object lock = new Object();
    private final Map<Key, Entry> entries = new HashMap<>(); // guarded by lock
    /** The entries nobody needs, the longest idle first (each put at the end as it becomes idle). Guarded by lock. */
    private final LinkedHashMap<Key, Entry> idle = new LinkedHashMap<>();
    private boolean closed; // guarded by lock

    /** A table over {@code relay}, marking {@code local}; {@code metrics} is told at each sweep how many linger. */
    ChannelHolds(Relay relay, MemoryBroker local, Duration linger, HeraldMetrics metrics) {
        this.relay = relay;
        this.local = local;
        this.lingerNanos = linger.toNanos();
        this.metrics = metrics;
        if (linger.isZero()) {
            sweeper = null;
        } else {
            sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "herald-relay-linger");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(10, Math.min(linger.toMillis() / 4, 1000));
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** A need of a channel (a pattern when {@code pattern}); the relay holds it from now until the linger after the last. */
    Hold hold(String name, boolean pattern) {
        Key key = new Key(name, pattern);
        Entry entry;
        boolean begins = false;
        synchronized (lock) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry();
                entries.put(key, entry);
                begins = true;
            } else if (entry.holders == 0) {
                idle.remove(key);
            }
            entry.holders++;
        }
        if (begins) {
            begin(key, entry);
        }
        return new Hold(key, entry);
    }

    /** Marks, then asks the relay: a head read from now on is not before the mark. */
    private void begin(Key key, Entry entry) {
        entry.mark = local.heldFrom(key.name(), key.pattern());
        CompletionStage<Void> onRelay;
        try {
            onRelay = key.pattern() ? relay.holdPattern(key.name()) : relay.hold(key.name());
        } catch (RuntimeException e) {
            onRelay = CompletableFuture.failedFuture(e);
        }
        onRelay.whenComplete((ok, error) -> {
            if (error == null) {
                entry.held.complete(null);
                return;
            }
            // Not held: the next need begins anew, and the needs of this one let go of nothing.
            synchronized (lock) {
                entries.remove(key, entry);
                idle.remove(key, entry);
            }
            local.letGo(key.name(), key.pattern(), entry.mark);
            entry.held.completeExceptionally(error);
        });
    }

    private void release(Key key, Entry entry) {
        synchronized (lock) {
            if (entries.get(key) != entry || --entry.holders > 0) {
                return;
            }
            if (sweeper != null && !closed) {
                entry.idleSinceNanos = System.nanoTime();
                idle.put(key, entry);
                return;
            }
            entries.remove(key);
        }
        letGo(key, entry);
    }

    /** Lets go of every entry idle for the linger. */
    private void sweep() {
        List<Map.Entry<Key, Entry>> due = new ArrayList<>();
        long now = System.nanoTime();
        int lingering;
        synchronized (lock) {
            Iterator<Map.Entry<Key, Entry>> oldestFirst = idle.entrySet().iterator();
            while (oldestFirst.hasNext()) {
                Map.Entry<Key, Entry> next = oldestFirst.next();
                if (now - next.getValue().idleSinceNanos < lingerNanos) {
                    break;
                }
                oldestFirst.remove();
                entries.remove(next.getKey());
                due.add(next);
            }
            lingering = idle.size();
        }
        metrics.channelsLingering(lingering);
        for (Map.Entry<Key, Entry> next : due) {
            try {
                letGo(next.getKey(), next.getValue());
            } catch (RuntimeException e) {
                LOG.warn("could not let go of " + next.getKey().name() + " on the relay: " + e.getMessage());
            }
        }
    }

    /** Forgets the mark first: from then on the channel is not held here, and a replay of it is answered so. */
    private void letGo(Key key, Entry entry) {
        local.letGo(key.name(), key.pattern(), entry.mark);
        if (key.pattern()) {
            relay.releasePattern(key.name());
        } else {
            relay.release(key.name());
        }
    }

    /**
     * Whether the relay holds every one of the subscriptions (a channel by its name, a pattern as a pattern) now, its
     * hold confirmed: needed or lingering.
     */
    boolean holdsAll(Set<String> subscriptions) {
        synchronized (lock) {
            for (String subscription : subscriptions) {
                Entry entry = entries.get(new Key(subscription, ChannelNames.isPattern(subscription)));
                if (entry == null || !entry.held.isDone() || entry.held.isCompletedExceptionally()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** How many channels and patterns the relay holds for nobody now, waiting out their linger. */
    int lingering() {
        synchronized (lock) {
            return idle.size();
        }
    }

    /** Stops the sweep; the relay, closed after this, lets go of everything. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
