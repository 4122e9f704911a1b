package dev.herald.redis.cstreams;

import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.Gap;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.cluster.ShardedChannelSubscriber;
import dev.herald.sse.InvalidEventException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live delivery on one node: the node subscribes to the live channel of each partition some listener needs (every
 * partition for a pattern) and hands each announcement, in its partition's order, to the listeners of its channel.
 * Partitions are independent lanes: each keeps the stamp of the last event delivered, announcements at or below it
 * are skipped. When the connection comes back after a loss, it reads from the streams what each partition received
 * meanwhile and delivers it before the announcements that waited.
 *
 * <p>No gap is silent ({@link dev.herald.broker.Broker}, "Outages"): where a partition no longer holds what this node
 * may have missed, its listeners (of its channels, and the patterns) are told a {@link Gap} in the partition's order,
 * at the stamp up to which events are lost, its resume id that partition's position ({@link Cursor}). That is: after a
 * catch-up that found history gone (a stream trimmed past what was delivered, a data set replaced, a partition's lost
 * stamp after what was delivered), and when a partition lost acknowledged events in a failover ({@link Losses}: found
 * here from an announcement, or told by another node's {@code lost} notice).
 *
 * <p>The listener registry is safe from any thread; everything else is confined to the subscription's context.
 */
final class PartitionFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionFeed.class);
    /** A catch-up that failed (a failover: the slot map not whole yet) is tried again after this, a bounded number of times. */
    private static final long CATCH_UP_RETRY_MILLIS = 500;
    private static final int CATCH_UP_ATTEMPTS = 60;

    private record Wait(String channel, long stamp, CompletableFuture<Void> done) {
    }

    /** What arrived while catching up, in its order: an announcement, or a partition's loss notice. */
    private record Held(int partition, Announced announced, long lost) {
    }

    private final PartitionListeners listeners = new PartitionListeners();
    private final PartitionHistory history;
    private final Stamps stamps;
    private final Losses losses;
    private final Vertx vertx;
    private final ShardedChannelSubscriber subscriber;
    // confined to the subscriber's context
    /** Catch-up attempts since the connection came back. */
    private int catchUpAttempts;
    private final int[] holders = new int[Partitions.COUNT];
    /** Per partition, the stamp of the last event delivered (or of the last gap told); 0 before the first. */
    private final long[] delivered = new long[Partitions.COUNT];
    /** Per partition, its head when this node first subscribed to it: where a catch-up starts if nothing came since. */
    private final long[] subscribedAt = new long[Partitions.COUNT];
    /** Per partition, the origin of its data set as last read; 0 before: another one later is a data set replaced. */
    private final long[] origins = new long[Partitions.COUNT];
    private final List<PriorityQueue<Wait>> waits = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private boolean holding;

    PartitionFeed(Vertx vertx, Redis subscriptionClient, PartitionHistory history, Stamps stamps, Losses losses,
            BrokerConnection connection) {
        this.history = history;
        this.stamps = stamps;
        this.losses = losses;
        this.vertx = vertx;
        for (int p = 0; p < Partitions.COUNT; p++) {
            waits.add(new PriorityQueue<>(Comparator.comparingLong(Wait::stamp)));
        }
        this.subscriber = new ShardedChannelSubscriber(vertx, subscriptionClient, new RedisChannelSubscriber.Listener() {
            @Override
            public void onMessage(String channel, String message) {
                announced(channel, message);
            }

            @Override
            public void onLost() {
                holding = true;
            }

            @Override
            public void onRestored() {
                catchUpAttempts = 0;
                restored();
            }
        }, connection);
    }

    Future<Void> start() {
        return subscriber.start();
    }

    /** Registers a listener; completes once Redis confirmed the subscription of every partition it needs. */
    CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        BrokerSubscription registration = listeners.add(channel, listener);
        Set<Integer> partitions = PartitionHistory.partitionsOf(Set.of(channel));
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        subscriber.execute(() -> {
            List<CompletableFuture<Void>> each = new ArrayList<>();
            for (int p : partitions) {
                CompletableFuture<Void> held = subscriber.subscribe(PartitionKeys.live(p)).toCompletableFuture();
                if (holders[p]++ == 0) {
                    held = held.thenCompose(ok -> watch(p));
                }
                each.add(held);
            }
            CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> confirmed.complete(null));
        });
        return confirmed.thenApply(ok -> BrokerSubscription.once(() -> {
            registration.cancel();
            subscriber.execute(() -> {
                for (int p : partitions) {
                    holders[p]--;
                    subscriber.unsubscribe(PartitionKeys.live(p));
                }
                releaseUnreceived();
            });
        }));
    }

    /** Completes once the event at {@code stamp} on {@code channel} reached this node's listeners; at once when none listens. */
    CompletionStage<Void> delivered(String channel, long stamp) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        subscriber.execute(() -> {
            int p = Partitions.of(channel);
            if (!listeners.receives(channel) || delivered[p] >= stamp) {
                done.complete(null);
            } else {
                waits.get(p).add(new Wait(channel, stamp, done));
            }
        });
        return done;
    }

    void close() {
        subscriber.execute(() -> waits.forEach(queue -> {
            queue.forEach(wait -> wait.done().completeExceptionally(new IllegalStateException("the broker is closed")));
            queue.clear();
        }));
        subscriber.close();
    }

    /**
     * The first subscription to a partition: its head is where a catch-up starts if nothing comes, and its origin tells
     * a data set replaced later ({@link PartitionKeys#watch} gives an empty partition one). Done when read, or failed:
     * then the partition is caught up from its first event delivered.
     */
    private CompletableFuture<Void> watch(int partition) {
        CompletableFuture<Void> watched = new CompletableFuture<>();
        history.watch(partition).onComplete(read -> subscriber.execute(() -> {
            if (read.succeeded()) {
                subscribedAt[partition] = Math.max(subscribedAt[partition], read.result().stamp());
                if (origins[partition] == 0) {
                    origins[partition] = read.result().origin();
                }
            } else {
                LOG.info("could not read the head of partition " + partition + " when starting to watch it ("
                        + read.cause().getMessage() + "); a catch-up starts from its first event delivered");
            }
            watched.complete(null);
        }));
        return watched;
    }

    /** Where a partition's listeners are: the last stamp delivered or told, or where this node started watching it. */
    private long position(int partition) {
        return Math.max(delivered[partition], subscribedAt[partition]);
    }

    private void announced(String liveChannel, String message) {
        int partition = PartitionKeys.partitionOfLive(liveChannel);
        LossNotice loss = partition < 0 ? null : LossNotice.parse(message);
        Announced announced = partition < 0 || loss != null ? null : Announced.parse(message);
        if (loss == null && (announced == null || Partitions.of(announced.channel()) != partition)) {
            LOG.warn("skipping a malformed announcement on " + liveChannel);
            return;
        }
        if (holding) {
            held.add(new Held(partition, announced, loss == null ? 0 : loss.stamp()));
        } else if (loss != null) {
            gapIfBehind(partition, loss.stamp());
        } else {
            deliver(announced);
        }
    }

    /**
     * An announcement in its partition's order. A new one whose partition's newest stamp before it is below a stamp this
     * node knew existed shows a loss: recorded (every node is told), and a gap told here first if this node had not
     * delivered all that was lost.
     */
    private void deliver(Announced announced) {
        int p = Partitions.of(announced.channel());
        if (announced.stamp() > delivered[p]) {
            long lost = losses.lostBetween(p, announced.before(), announced.stamp(), delivered[p]);
            if (lost > 0) {
                losses.record(p, lost);
                gapIfBehind(p, lost);
            }
        }
        StoredEvent event;
        try {
            event = announced.decoded();
        } catch (InvalidEventException invalid) {
            LOG.warn("skipping an invalid event on " + announced.channel() + ": " + invalid.getMessage());
            return;
        }
        passOnIfNew(event);
    }

    private void passOnIfNew(StoredEvent event) {
        int p = Stamps.partition(event.sequence());
        long stamp = Stamps.stampOf(event.sequence());
        if (stamp <= delivered[p]) {
            return;
        }
        stamps.seen(event.sequence());
        losses.known(p, stamp);
        listeners.deliver(event);
        passed(p, stamp);
    }

    /** The partition's listeners have everything up to {@code stamp}, delivered or told lost: the waits up to it are over. */
    private void passed(int p, long stamp) {
        delivered[p] = Math.max(delivered[p], stamp);
        PriorityQueue<Wait> waiting = waits.get(p);
        while (!waiting.isEmpty() && waiting.peek().stamp() <= stamp) {
            waiting.poll().done().complete(null);
        }
    }

    /**
     * The partition lost events up to {@code stamp}: unless this node's listeners of it are past that already, they are
     * told a gap there, and announcements up to it are skipped from now on.
     */
    private void gapIfBehind(int p, long stamp) {
        if (holders[p] == 0 || stamp <= position(p)) {
            return;
        }
        LOG.info("partition " + p + " lost events up to stamp " + stamp + "; telling its listeners history-gone");
        listeners.gap(p, new Gap(Stamps.sequence(stamp, p), Cursor.of(p, stamp)));
        passed(p, stamp);
    }

    /** Waits of channels nobody on this node receives any more are over: there is no one to hand to. */
    private void releaseUnreceived() {
        for (PriorityQueue<Wait> queue : waits) {
            List<Wait> over = new ArrayList<>();
            queue.removeIf(wait -> !listeners.receives(wait.channel()) && over.add(wait));
            over.forEach(wait -> wait.done().complete(null));
        }
    }

    /** After an outage: reads what the subscribed partitions received meanwhile, then goes live again. */
    private void restored() {
        Set<String> subscriptions = new HashSet<>(listeners.channels());
        subscriptions.addAll(listeners.patterns());
        Map<Integer, Long> positions = new HashMap<>();
        Map<Integer, Long> knownBefore = new HashMap<>();
        for (int p = 0; p < Partitions.COUNT; p++) {
            if (holders[p] > 0) {
                positions.put(p, position(p));
                knownBefore.put(p, losses.known(p));
            }
        }
        long[] originsBefore = origins.clone();
        Future<PartitionHistory.Read> read = subscriptions.isEmpty() ? Future.succeededFuture(null)
                : history.heads(subscriptions).compose(heads -> history.matched(subscriptions)
                        .compose(channels -> history.read(channels, heads, positions)));
        read.onSuccess(caught -> subscriber.execute(() -> {
            List<StoredEvent> events = caught == null ? List.of() : caught.events();
            Map<Integer, Long> goneAt = caught == null ? Map.of() : goneAt(caught, positions, knownBefore, originsBefore);
            deliverWithGaps(events, new TreeMap<>(goneAt));
            held.forEach(item -> {
                if (item.announced() != null) {
                    deliver(item.announced());
                } else {
                    gapIfBehind(item.partition(), item.lost());
                }
            });
            held.clear();
            holding = false;
            LOG.info("caught up after the Redis outage: " + events.size() + " events read from streams"
                    + (goneAt.isEmpty() ? "" : "; history was gone in partitions " + goneAt.keySet()));
        })).onFailure(error -> subscriber.execute(() -> catchUpFailed(error)));
    }

    /** Tries the catch-up again a while later (the cluster's topology may still be settling), a bounded number of times. */
    private void catchUpFailed(Throwable error) {
        if (!holding) {
            return; // a later catch-up went through
        }
        if (++catchUpAttempts < CATCH_UP_ATTEMPTS) {
            LOG.info("could not catch up after the Redis outage yet (" + error.getMessage() + "); trying again");
            vertx.setTimer(CATCH_UP_RETRY_MILLIS, timer -> subscriber.execute(this::restored));
        } else {
            LOG.warn("could not catch up after the Redis outage (" + error.getMessage()
                    + "); will retry on the next reconnect");
        }
    }

    /**
     * Where each partition read lost what this node may have missed, stamp of the gap by partition: at the newest
     * stamp trimmed past the position; at the partition's lost stamp, when the position is before it; after the
     * position, or just before the new origin, when its data set was replaced (another origin than the one this node
     * saw, or none; or, when it saw none, an empty partition or one begun after the position: {@link
     * PartitionHistory.Head#replacedSince}); at the newest stamp known to have existed, when the head is below it (a
     * failover to a replica that lacked it). A gap past the head is recorded as the partition's loss, so that a resume
     * from the gap's id is not told again.
     */
    private Map<Integer, Long> goneAt(PartitionHistory.Read read, Map<Integer, Long> positions,
            Map<Integer, Long> knownBefore, long[] originsBefore) {
        Map<Integer, Long> goneAt = new TreeMap<>();
        read.heads().byPartition().forEach((p, head) -> {
            long known = knownBefore.getOrDefault(p, 0L);
            long position = positions.getOrDefault(p, 0L);
            long gone = read.trimmedAt().getOrDefault(p, 0L);
            if (position > 0 && position < head.lost()) {
                gone = Math.max(gone, head.lost());
            }
            boolean replaced = head.replacedSince(originsBefore[p], position);
            if (replaced) {
                // After what the old data set showed this node, or just before the new one: what this node knew of
                // may include the new data set's stamps (its own publishes since Redis came back).
                gone = Math.max(gone, Math.max(position + 1, head.origin() > 0 ? head.origin() - 1 : known + 1));
            }
            if (head.stamp() < known) {
                gone = Math.max(gone, known);
            }
            if (gone > 0) {
                goneAt.put(p, gone);
            }
            if (gone > head.stamp()) {
                losses.record(p, gone, replaced);
            }
            origins[p] = head.origin() != 0 ? head.origin() : gone > head.stamp() ? gone : 0;
        });
        return goneAt;
    }

    /**
     * The events read, in order, each partition's gap among them at its place: the events before it, the gap, the events
     * after it (one at its very stamp is among those it tells lost).
     */
    private void deliverWithGaps(List<StoredEvent> events, Map<Integer, Long> goneAt) {
        for (StoredEvent event : events) {
            int p = Stamps.partition(event.sequence());
            Long gone = goneAt.get(p);
            if (gone != null && Stamps.stampOf(event.sequence()) >= gone) {
                goneAt.remove(p);
                gapIfBehind(p, gone);
            }
            passOnIfNew(event);
        }
        goneAt.forEach(this::gapIfBehind);
    }
}
