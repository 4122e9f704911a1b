package dev.herald.hub;

import dev.herald.metrics.HeraldMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
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

    // Confined to the loop.
    private final Map<String, ChannelSubscribers> byChannel = new HashMap<>();
    /** Every subscriber of this loop, with its slot in each of its channels' lists, in the order of its channels. */
    private final Map<Subscriber, Slots> all = new HashMap<>();
    private final List<Subscriber> touched = new ArrayList<>();
    private final ChannelSubscribers.Moves moves = (subscriber, channel, slot) -> all.get(subscriber).set(channel, slot);

    /** Where one subscriber sits in each of its channels' lists. */
    private record Slots(String[] channels, int[] slots) {
        void set(String channel, int slot) {
            for (int i = 0; i < channels.length; i++) {
                if (channels[i].equals(channel)) {
                    slots[i] = slot;
                    return;
                }
            }
        }
    }

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

    /** O(1) per channel of the subscriber, whatever the size of the channel. */
    void add(Subscriber subscriber) {
        String[] channels = subscriber.channels.toArray(String[]::new);
        int[] slots = new int[channels.length];
        for (int i = 0; i < channels.length; i++) {
            slots[i] = byChannel.computeIfAbsent(channels[i], ChannelSubscribers::new).add(subscriber);
        }
        all.put(subscriber, new Slots(channels, slots));
    }

    /** O(1) per channel of the subscriber, whatever the size of the channel; nothing for one not here. */
    void remove(Subscriber subscriber) {
        Slots slots = all.remove(subscriber);
        if (slots == null) {
            return;
        }
        for (int i = 0; i < slots.channels.length; i++) {
            ChannelSubscribers list = byChannel.get(slots.channels[i]);
            list.remove(slots.slots[i], moves);
            if (list.isEmpty()) {
                byChannel.remove(slots.channels[i]);
            }
        }
    }

    private void drain() {
        scheduled.set(false);
        Dispatch dispatch;
        for (int n = 0; n < MAX_BATCH && (dispatch = inbox.poll()) != null; n++) {
            ChannelSubscribers subscribers = byChannel.get(dispatch.channel());
            if (subscribers == null) {
                continue;
            }
            subscribers.deliver(dispatch, touched);
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
        for (Subscriber subscriber : all.keySet().toArray(NONE)) {
            subscriber.heartbeat(frame);
        }
    }

    void closeAll() {
        for (Subscriber subscriber : all.keySet().toArray(NONE)) {
            subscriber.close();
        }
    }
}
