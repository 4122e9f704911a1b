package dev.herald.redis.cstreams;

import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.ChannelListeners;
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
 * <p>The listener registry is safe from any thread; everything else is confined to the subscription's context.
 */
final class PartitionFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionFeed.class);

    private record Wait(String channel, long stamp, CompletableFuture<Void> done) {
    }

    private final ChannelListeners listeners = new ChannelListeners();
    private final PartitionHistory history;
    private final Stamps stamps;
    private final ShardedChannelSubscriber subscriber;
    // confined to the subscriber's context
    private final int[] holders = new int[Partitions.COUNT];
    /** Per partition, the stamp of the last event delivered; 0 before the first. */
    private final long[] delivered = new long[Partitions.COUNT];
    /** Per partition, its head when this node first subscribed to it: where a catch-up starts if nothing came since. */
    private final long[] subscribedAt = new long[Partitions.COUNT];
    private final List<PriorityQueue<Wait>> waits = new ArrayList<>();
    private final List<Announced> held = new ArrayList<>();
    private boolean holding;

    PartitionFeed(Vertx vertx, Redis subscriptionClient, PartitionHistory history, Stamps stamps,
            BrokerConnection connection) {
        this.history = history;
        this.stamps = stamps;
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
                    held = held.thenRun(() -> noteSubscribed(p));
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

    /** Where a catch-up starts for a partition nothing was delivered on since this node subscribed to it. */
    private void noteSubscribed(int partition) {
        history.headStamp(partition).onSuccess(stamp -> subscriber.execute(() ->
                subscribedAt[partition] = Math.max(subscribedAt[partition], stamp)));
    }

    private void announced(String liveChannel, String message) {
        int partition = PartitionKeys.partitionOfLive(liveChannel);
        Announced announced = Announced.parse(message);
        if (partition < 0 || announced == null || Partitions.of(announced.channel()) != partition) {
            LOG.warn("skipping a malformed announcement on " + liveChannel);
            return;
        }
        if (holding) {
            held.add(announced);
        } else {
            deliver(announced);
        }
    }

    private void deliver(Announced announced) {
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
        delivered[p] = stamp;
        stamps.seen(event.sequence());
        listeners.deliver(event);
        PriorityQueue<Wait> waiting = waits.get(p);
        while (!waiting.isEmpty() && waiting.peek().stamp() <= stamp) {
            waiting.poll().done().complete(null);
        }
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
        for (int p = 0; p < Partitions.COUNT; p++) {
            if (holders[p] > 0) {
                positions.put(p, delivered[p] > 0 ? delivered[p] : subscribedAt[p]);
            }
        }
        Future<List<StoredEvent>> read = subscriptions.isEmpty() ? Future.succeededFuture(List.of())
                : history.heads(subscriptions).compose(heads -> history.matched(subscriptions)
                        .compose(channels -> history.read(channels, heads, positions)))
                        .map(replay -> {
                            if (replay.historyGone()) {
                                LOG.warn("after the Redis outage, history no longer holds every event this node missed");
                            }
                            return replay.events();
                        });
        read.onSuccess(events -> subscriber.execute(() -> {
            events.forEach(this::passOnIfNew);
            held.sort(Comparator.comparingLong(Announced::sequence));
            held.forEach(this::deliver);
            held.clear();
            holding = false;
            LOG.info("caught up after the Redis outage: " + events.size() + " events read from streams");
        })).onFailure(error -> LOG.warn("could not catch up after the Redis outage (" + error.getMessage()
                + "); will retry on the next reconnect"));
    }
}
