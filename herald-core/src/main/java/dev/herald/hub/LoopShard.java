package dev.herald.hub;

import dev.herald.metrics.HeraldMetrics;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The subscribers that live on one thread (an event loop), and the queue of live events bound for them.
 *
 * <p>Events from any thread go into {@link #enqueue}; one drain task at a time runs on the loop. A drain hands every
 * queued event to every subscriber of its channel (cheap: a subscriber only keeps a reference to the frame), then
 * flushes at most {@link #FLUSH_SLICE} of the subscribers waiting for a flush, oldest first, and, if some still wait,
 * runs again once the loop has read its input ({@link SseSink#afterInput()}). So a fan-out to many clients takes
 * turns with the loop's reads: a publish that arrives while it runs is read at once, its event joins the frames of
 * every subscriber not flushed yet, and one write carries both. However the publisher paces itself (one publish at a
 * time, waiting for each answer, or many in flight), the writes per client follow the time a fan-out takes, not the
 * number of events. No event waits longer than one pass over the loop's waiting subscribers.
 * Everything but the inbox and the scheduled flag is confined to the loop.
 *
 * <p>It owns its subscribers ({@link SubscriberOwner}): one that ends leaves its lists here, then its channels at the hub.
 *
 * <p>It counts its backlog ({@link #backlog()}, in stream writes): the events in its inbox, and the live events handed
 * to its subscribers and not flushed yet, one per subscriber. A slow client's own buffer is not in it (a flush hands the frames to the
 * client's connection); what the loop has not got round to writing is. It is published for other threads at the end of
 * each drain and each heartbeat tick, when the hub is told ({@code passed}).
 */
final class LoopShard implements SubscriberOwner {

    /** Events handed to subscribers per drain before the loop is given back to its other work. */
    private static final int MAX_BATCH = 4096;
    /** Subscribers flushed per drain before the loop reads its input again. */
    static final int FLUSH_SLICE = 32;
    private static final Subscriber[] NONE = new Subscriber[0];

    final Executor executor;
    private final Executor afterInput;
    private final HeraldMetrics metrics;
    /** The hub's part of a leave: its channel table and the stream count; on the loop. */
    private final BiConsumer<Subscriber, LoopShard> leftHub;
    /** Told at the end of each drain and heartbeat tick, once {@link #backlog} is up to date; on the loop. */
    private final Runnable passed;
    /** {@link #owed} as of the end of the last drain or heartbeat tick, for any thread. */
    private volatile long backlog;
    private final Queue<Queued> inbox = new ConcurrentLinkedQueue<>();
    /** The writes of the events in the inbox, each counted at its channel's streams on the node (see enqueue). */
    private final AtomicLong queuedWrites = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    // Confined to the loop.
    private final Map<String, ChannelSubscribers> byChannel = new HashMap<>();
    /** Every subscriber of this loop, with its slot in each of its channels' lists, in the order of its channels. */
    private final Map<Subscriber, Slots> all = new HashMap<>();
    /** Subscribers holding frames not flushed yet, each once, in the order they got their first. */
    private final ArrayDeque<Subscriber> unflushed = new ArrayDeque<>();
    /** Live events handed to subscribers and not flushed yet, one per subscriber: the sum of their writesOwed. */
    private long owed;
    private final Consumer<Subscriber> toFlush = this::toFlush;
    private final ChannelSubscribers.Moves moves = (subscriber, channel, slot) -> all.get(subscriber).set(channel, slot);

    /** An event in the inbox, with the writes it is counted for in the backlog until the loop takes it. */
    private record Queued(Dispatch dispatch, int writes) {
    }

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

    LoopShard(Executor executor, Executor afterInput, HeraldMetrics metrics, BiConsumer<Subscriber, LoopShard> leftHub,
              Runnable passed) {
        this.executor = executor;
        this.afterInput = afterInput;
        this.metrics = metrics;
        this.leftHub = leftHub;
        this.passed = passed;
    }

    /**
     * Stream writes this loop owes: those of the events in its inbox, and those handed to its subscribers and not
     * flushed as of the end of its last drain or heartbeat tick. Any thread.
     */
    long backlog() {
        return queuedWrites.get() + backlog;
    }

    @Override
    public void written(int writes) {
        owed -= writes;
    }

    @Override
    public void left(Subscriber subscriber) {
        remove(subscriber);
        leftHub.accept(subscriber, this);
    }

    @Override
    public HeraldMetrics metrics() {
        return metrics;
    }

    /**
     * From any thread. {@code writes} is what the event counts for in the backlog until the loop takes it: the streams
     * of its channel on the node, all loops together (what a loop has is known on that loop only), so at most the
     * number of loops times too many, and only until the loop's next drain.
     */
    void enqueue(Dispatch dispatch, int writes) {
        queuedWrites.addAndGet(writes);
        inbox.offer(new Queued(dispatch, writes));
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
    private void remove(Subscriber subscriber) {
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

    /** Queues the subscriber for a flush of this pass, unless it is queued already. */
    private void toFlush(Subscriber subscriber) {
        subscriber.writesOwed++;
        owed++;
        if (!subscriber.unflushed) {
            subscriber.unflushed = true;
            unflushed.add(subscriber);
        }
    }

    private void drain() {
        scheduled.set(false);
        Queued queued;
        long taken = 0;
        for (int n = 0; n < MAX_BATCH && (queued = inbox.poll()) != null; n++) {
            Dispatch dispatch = queued.dispatch();
            taken += queued.writes();
            ChannelSubscribers subscribers = byChannel.get(dispatch.subscription());
            if (subscribers == null) {
                continue;
            }
            subscribers.deliver(dispatch, toFlush);
            if (!dispatch.signal() && !dispatch.gap()) {
                metrics.deliveryLatency(System.nanoTime() - dispatch.receivedNanos());
            }
        }
        queuedWrites.addAndGet(-taken);
        Subscriber subscriber;
        for (int n = 0; n < FLUSH_SLICE && (subscriber = unflushed.poll()) != null; n++) {
            subscriber.unflushed = false;
            subscriber.flush();
        }
        if (!inbox.isEmpty() && scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        } else if (!unflushed.isEmpty() && scheduled.compareAndSet(false, true)) {
            afterInput.execute(this::drain);
        }
        passed();
    }

    private void passed() {
        backlog = owed;
        passed.run();
    }

    /** One clock read per tick, for every subscriber's stall check (none per event). */
    void heartbeat(byte[] frame, long stalledNanos) {
        long now = System.nanoTime();
        for (Subscriber subscriber : all.keySet().toArray(NONE)) {
            subscriber.heartbeat(frame, now, stalledNanos);
        }
        passed();
    }

    /** Each subscriber of this loop, in no order; it may leave meanwhile. */
    void each(Consumer<Subscriber> action) {
        for (Subscriber subscriber : all.keySet().toArray(NONE)) {
            action.accept(subscriber);
        }
    }

    void closeAll() {
        for (Subscriber subscriber : all.keySet().toArray(NONE)) {
            subscriber.close();
        }
    }
}
