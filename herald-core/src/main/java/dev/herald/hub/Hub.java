package dev.herald.hub;

import dev.herald.access.ChannelPatterns;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.Replay;
import dev.herald.metrics.HeraldCounters;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Transport;
import dev.herald.request.StreamRequest;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ObjIntConsumer;

/**
 * Fans the broker's events out to the clients of this node.
 *
 * <p>The hub subscribes to a channel at the broker when its first local client arrives and cancels when
 * the last one leaves. Each event is encoded once and handed to every loop that has clients on its channel;
 * each loop writes it to its own clients ({@link LoopShard}). A client whose outbound buffer is full, or whose
 * sink has held data unwritten for longer than {@link HubOptions#SLOW_CLIENT_TIMEOUT} (asked at each heartbeat tick),
 * is dropped, counted and logged; nobody else waits for it. Heartbeats go to every stream from one timer.
 *
 * <p>Where a stream starts is decided by {@link Resume}, from what the hub reads. Everything is counted through
 * {@link HeraldMetrics} alone: the hub's own {@link HeraldCounters} (its {@link #stats()}) beside the metrics it was
 * given, so the two always agree.
 *
 * <p>A node that stops {@link #drain() drains}: its streams end one by one over {@link HubOptions#drainTime()}, as
 * {@link DrainPlan} says, each after a last {@code retry}; events keep flowing to a stream until it ends.
 */
public final class Hub implements AutoCloseable {

    private final Broker broker;
    private final HeraldCounters counters = new HeraldCounters();
    /** The counters and the metrics the hub was given: every count goes here. */
    private final HeraldMetrics metrics;
    private final byte[] retryFrame;
    private final byte[] heartbeatFrame = SseEncoder.comment("");
    private final Map<Thread, LoopShard> shards = new ConcurrentHashMap<>();
    private final Map<String, ChannelEntry> channels = new ConcurrentHashMap<>();
    /** The sequence of the newest broker gap counted ({@link HeraldMetrics#brokerGap}); its entries share it. */
    private final AtomicLong lastGapCounted = new AtomicLong(Long.MIN_VALUE);
    private final ScheduledExecutorService timer;
    private final long slowClientNanos;
    private final Duration retry;
    private final Duration drainTime;
    private final DeliveryBacklog backlog;
    /** Null until {@link #drain} is called. */
    private final AtomicReference<Draining> draining = new AtomicReference<>();

    /** A drain under way: its plan, and the stage that completes once every stream has ended. */
    private static final class Draining {
        final DrainPlan plan;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicBoolean finishing = new AtomicBoolean();

        Draining(DrainPlan plan) {
            this.plan = plan;
        }
    }

    /** {@link HubOptions#LATEST_VALUE_CHANNELS}: read only. */
    private final ChannelPatterns latestValueChannels;

    public Hub(Broker broker, HubOptions options) {
        this(broker, options, HeraldMetrics.NONE);
    }

    /** A hub that reports what it does to {@code metrics}, as well as to its own {@link #stats()}. */
    public Hub(Broker broker, HubOptions options, HeraldMetrics metrics) {
        this.broker = broker;
        this.metrics = HeraldMetrics.both(counters, metrics);
        this.backlog = new DeliveryBacklog(shards.values(), this.metrics);
        this.retryFrame = SseEncoder.retry(options.retry().toMillis());
        this.slowClientNanos = options.slowClientTimeout().toNanos();
        this.retry = options.retry();
        this.drainTime = options.drainTime();
        this.latestValueChannels = options.latestValueChannels();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = options.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a stream: the opening {@code retry} frame at once, then the events after {@code lastEventId}
     * (or, for a new client, only its resume point), then live events.
     *
     * <p>Call on the thread that owns the sink; the sink is then used only on that thread.
     *
     * @param channelNames the channels to receive, at least one, each valid by {@link ChannelNames#check}; a pattern
     *                     ({@link ChannelNames#isPattern}) receives every channel it matches, when the broker
     *                     {@link #matchesPatterns() matches patterns}; an event several of them receive is sent once
     * @param lastEventId  the client's {@code Last-Event-ID}, or {@code null}
     */
    public HubSubscription subscribe(Set<String> channelNames, String lastEventId, SseSink sink) {
        return subscribe(channelNames, lastEventId, 0, sink);
    }

    /**
     * Starts a stream where a request asks (see {@link StreamRequest}): after its cursor; or, without one, with the
     * newest {@link StreamRequest#rewind()} events of its channels; or, with neither, at the head. Then live events,
     * with no gap and no duplicate either way.
     *
     * <p>Call on the thread that owns the sink; the sink is then used only on that thread.
     */
    public HubSubscription subscribe(StreamRequest request, SseSink sink) {
        return subscribe(request.channels(), request.lastEventId(), request.rewind(), sink);
    }

    private HubSubscription subscribe(Set<String> channelNames, String lastEventId, int rewind, SseSink sink) {
        if (channelNames.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one channel");
        }
        channelNames.forEach(ChannelNames::check);
        LoopShard shard = shards.computeIfAbsent(Thread.currentThread(),
                thread -> new LoopShard(sink.executor(), sink.afterInput(), metrics, this::left, backlog::passed));
        Subscriber subscriber = new Subscriber(shard, Set.copyOf(channelNames), sink);
        if (lastEventId == null && rewind == 0) {
            rewind = latestValues(subscriber.channels);
        }
        Resume resume = new Resume(subscriber.channels, lastEventId, rewind, broker.lanes());
        metrics.streamOpened(sink.transport());
        shard.add(subscriber);
        Draining drain = draining.get();
        if (drain != null && subscriber.transport() != Transport.POLL) {
            // Opened while the node drains (its container still accepts): it leaves within what is left of the window.
            // A poll opened now was told not to wait, and answers once caught up.
            depart(drain, subscriber, shard);
        }
        CompletableFuture<?>[] ready = subscriber.channels.stream()
                .map(channel -> joined(channel, shard).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        // A new client resumes from the head as it was when it connected, read before its stream opens: an event
        // published once the client saw the stream open reaches it, even if the broker subscription took longer. A
        // rewinding client's newest events are read with that head, and it resumes from there like a new client.
        CompletionStage<Replay> first = switch (resume.firstRead()) {
            case NOTHING -> CompletableFuture.completedFuture(null);
            case HEAD -> broker.replay(subscriber.channels, null);
            case NEWEST -> broker.latest(subscriber.channels, rewind);
        };
        first.whenComplete((read, error) -> sink.executor().execute(() -> {
            if (error == null) {
                // Opened only once it has joined its channels: a client dropped by its very first frame leaves
                // them again through cancel, instead of keeping the channels (and the broker subscriptions) forever.
                subscriber.open(retryFrame);
            }
        }));
        first.thenCombine(CompletableFuture.allOf(ready), (read, joinedAll) -> read)
                .thenCompose(read -> broker.replay(subscriber.channels, resume.replayAfter(read))
                        .thenApply(replay -> resume.opening(read, replay)))
                .whenComplete((opening, error) -> sink.executor().execute(() -> {
                    if (error != null) {
                        subscriber.replayFailed(error);
                    } else {
                        subscriber.opened(opening);
                    }
                }));
        return subscriber;
    }

    /**
     * How many of the newest events a new client of {@code channelNames} starts with: one per latest-value channel
     * among them ({@link HubOptions#LATEST_VALUE_CHANNELS}), at most {@link StreamRequest#MAX_REWIND}; reserved
     * channels never count.
     */
    private int latestValues(Set<String> channelNames) {
        if (latestValueChannels.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (String channel : channelNames) {
            if (!ChannelNames.isReserved(channel) && latestValueChannels.covers(channel)) {
                count++;
            }
        }
        return Math.min(count, StreamRequest.MAX_REWIND);
    }

    /**
     * Every channel with streams (or polls) on this node, all loops together, and how many: a snapshot taken channel by
     * channel while streams come and go, so each count is one the channel had during the call. Reserved channels
     * included. Costs one pass over the channels; safe from any thread.
     *
     * @param each called once per channel with its count, on the calling thread
     */
    public void channelStreams(ObjIntConsumer<String> each) {
        channels.forEach((name, entry) -> {
            int streams = entry.streams;
            if (streams > 0) {
                each.accept(name, streams);
            }
        });
    }

    /** Whether streams may name patterns ({@code orders.*}): whether the broker {@link Broker#matchesPatterns matches them}. */
    public boolean matchesPatterns() {
        return broker.matchesPatterns();
    }

    /** The node's delivery backlog, which publishers are slowed by ({@link HubOptions#PUBLISH_BACKLOG}). */
    public DeliveryBacklog backlog() {
        return backlog;
    }

    /** The counters so far. */
    public HubStats stats() {
        return new HubStats(counters.streamsOpen(), counters.eventsDispatched(), counters.eventsDelivered(),
                counters.subscribersDropped());
    }

    /**
     * Ends every open stream, so that clients reconnect (to another node, or to this one when it is back),
     * and stops heartbeats. Completes when every loop has closed its streams.
     */
    public CompletionStage<Void> closeStreams() {
        timer.shutdownNow();
        CompletableFuture<?>[] closed = shards.values().stream()
                .map(shard -> CompletableFuture.runAsync(shard::closeAll, shard.executor))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(closed);
    }

    /**
     * Drains the node over {@link HubOptions#drainTime()}: every long poll is answered at once; every stream gets a
     * {@link DrainPlan.Departure}, and at its instant a last {@code retry} frame and its end, while live events reach it
     * until then. Completes once every stream and poll has ended, at the latest when the window closes (whatever is
     * left then is ended at once); heartbeats stop then. A zero drain time is {@link #closeStreams()}. Called again,
     * returns the same stage.
     */
    public CompletionStage<Void> drain() {
        if (drainTime.isZero()) {
            return closeStreams();
        }
        return drain(new DrainPlan(drainTime, retry, ThreadLocalRandom.current(), System::nanoTime));
    }

    /** {@link #drain()} by the given plan (a test's clock and randomness). */
    public CompletionStage<Void> drain(DrainPlan plan) {
        Draining drain = new Draining(plan);
        if (!draining.compareAndSet(null, drain)) {
            return draining.get().done;
        }
        for (LoopShard shard : shards.values()) {
            shard.executor.execute(() -> shard.each(subscriber -> {
                if (subscriber.transport() == Transport.POLL) {
                    subscriber.close(); // a waiting long poll is answered at once, with its cursor
                } else {
                    depart(drain, subscriber, shard);
                }
            }));
        }
        try {
            timer.schedule(() -> finishDrain(drain), plan.left().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException streamsClosedAlready) {
            finishDrain(drain);
        }
        if (counters.streamsOpen() == 0) {
            finishDrain(drain);
        }
        return drain.done;
    }

    /** Whether {@link #drain} was called: the node is stopping. */
    public boolean draining() {
        return draining.get() != null;
    }

    /** On the subscriber's loop: schedules its last retry and its end. */
    private void depart(Draining drain, Subscriber subscriber, LoopShard shard) {
        DrainPlan.Departure departure = drain.plan.departure();
        byte[] lastFrame = SseEncoder.retry(departure.retryMillis());
        Runnable leave = () -> shard.executor.execute(() -> subscriber.closeWith(lastFrame));
        try {
            timer.schedule(leave, departure.closeAfterMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException windowClosedAlready) {
            subscriber.closeWith(lastFrame);
        }
    }

    /** Once: ends whatever is left and stops heartbeats, then completes the drain. */
    private void finishDrain(Draining drain) {
        if (drain.finishing.compareAndSet(false, true)) {
            closeStreams().whenComplete((ended, error) -> drain.done.complete(null));
        }
    }

    @Override
    public void close() {
        closeStreams();
    }

    private CompletionStage<BrokerSubscription> joined(String channel, LoopShard shard) {
        return channels.compute(channel, (name, existing) -> {
            ChannelEntry entry = existing != null ? existing : new ChannelEntry(channel, metrics, lastGapCounted);
            entry.perShard.merge(shard, 1, Integer::sum);
            entry.streams++; // inside compute: one writer at a time
            entry.shards.add(shard);
            if (entry.brokerSubscription == null) {
                entry.brokerSubscription = broker.subscribe(channel, entry);
            }
            return entry;
        }).brokerSubscription;
    }

    /** A subscriber left its shard, on its loop: it leaves its channels here. */
    private void left(Subscriber subscriber, LoopShard shard) {
        metrics.streamClosed(subscriber.transport());
        Draining drain = draining.get();
        if (drain != null && counters.streamsOpen() == 0) {
            finishDrain(drain);
        }
        for (String channel : subscriber.channels) {
            channels.computeIfPresent(channel, (name, entry) -> {
                entry.streams--;
                if (entry.perShard.merge(shard, -1, Integer::sum) == 0) {
                    entry.perShard.remove(shard);
                    entry.shards.remove(shard);
                }
                if (!entry.perShard.isEmpty()) {
                    return entry;
                }
                entry.brokerSubscription.thenAccept(BrokerSubscription::cancel);
                return null;
            });
        }
    }

    /**
     * Writes {@code event} to this node's live streams of {@code channel} (not to those still reading their replay),
     * bypassing the broker: no id, no history, nothing counted as dispatched. For what a node tells its own clients,
     * such as presence's join and leave; a stream subscribed by a pattern that matches {@code channel} does not get it. Any
     * thread.
     *
     * @throws IllegalArgumentException when the event has an id: a signal must not move a client's resume point
     */
    public void signal(String channel, SseEvent event) {
        if (event.id() != null) {
            throw new IllegalArgumentException("a signal has no id, so that it moves no client's Last-Event-ID");
        }
        ChannelEntry entry = channels.get(channel);
        if (entry == null || entry.shards.isEmpty()) {
            return;
        }
        Dispatch dispatch = Dispatch.signal(channel, SseEncoder.encode(event), System.nanoTime());
        for (LoopShard shard : entry.shards) {
            shard.enqueue(dispatch, entry.streams);
        }
    }

    private void heartbeat() {
        for (LoopShard shard : shards.values()) {
            shard.executor.execute(() -> shard.heartbeat(heartbeatFrame, slowClientNanos));
        }
    }
}
