package dev.herald.hub;

import dev.herald.metrics.HeraldMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The subscribers that live on one thread (an event loop), and the queue of live events bound for them.
 *
 * <p>Events from any thread go into {@link #enqueue}; one drain task at a time runs on the loop and writes
 * every queued event to every subscriber of its channel, then flushes each touched subscriber once, so
 * events that arrive faster than the loop turns are coalesced into one write per client.
 * Everything but the inbox and the scheduled flag is confined to the loop.
 */
final class LoopShard {

    /** Events handled per drain before the loop is given back to its other work. */
    private static final int MAX_BATCH = 4096;
    private static final Subscriber[] NONE = new Subscriber[0];

    final Executor executor;
    private final HeraldMetrics metrics;
    private final Queue<Dispatch> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    // Confined to the loop. Arrays are copied on change, so a drop during a drain cannot upset iteration.
    private final Map<String, Subscriber[]> byChannel = new HashMap<>();
    private final Set<Subscriber> all = new LinkedHashSet<>();
    private final List<Subscriber> touched = new ArrayList<>();

    LoopShard(Executor executor, HeraldMetrics metrics) {
        this.executor = executor;
        this.metrics = metrics;
    }

    /** From any thread. */
    void enqueue(Dispatch dispatch) {
        inbox.offer(dispatch);
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    void add(Subscriber subscriber) {
        all.add(subscriber);
        for (String channel : subscriber.channels) {
            Subscriber[] current = byChannel.getOrDefault(channel, NONE);
            Subscriber[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = subscriber;
            byChannel.put(channel, grown);
        }
    }

    void remove(Subscriber subscriber) {
        all.remove(subscriber);
        for (String channel : subscriber.channels) {
            Subscriber[] current = byChannel.get(channel);
            if (current == null) {
                continue;
            }
            Subscriber[] kept = Arrays.stream(current).filter(s -> s != subscriber).toArray(Subscriber[]::new);
            if (kept.length == 0) {
                byChannel.remove(channel);
            } else {
                byChannel.put(channel, kept);
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        Dispatch dispatch;
        for (int n = 0; n < MAX_BATCH && (dispatch = inbox.poll()) != null; n++) {
            Subscriber[] subscribers = byChannel.get(dispatch.channel());
            if (subscribers == null) {
                continue;
            }
            for (Subscriber subscriber : subscribers) {
                if (subscriber.deliver(dispatch)) {
                    touched.add(subscriber);
                }
            }
            metrics.deliveryLatency(System.nanoTime() - dispatch.receivedNanos());
        }
        for (Subscriber subscriber : touched) {
            subscriber.flush();
        }
        touched.clear();
        if (!inbox.isEmpty() && scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    void heartbeat(byte[] frame) {
        for (Subscriber subscriber : all.toArray(NONE)) {
            subscriber.heartbeat(frame);
        }
    }

    void closeAll() {
        for (Subscriber subscriber : all.toArray(NONE)) {
            subscriber.close();
        }
    }
}
