package dev.herald.redis.streams;

import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.ChannelListeners;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.Gap;
import dev.herald.broker.HeraldId;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.RedisChannelSubscriber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live delivery on one node: its one subscription connection receives the announcements of every channel a
 * listener holds and hands them, in order, to {@link CatchUp}; when the connection comes back after a loss, it reads
 * from the streams what was published meanwhile, so that nothing is missed.
 *
 * <p>The listener registry is safe from any thread; announcements and catch-up run on the subscription connection's
 * context.
 */
final class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final ChannelListeners listeners = new ChannelListeners();
    private final StreamHistory history;
    private final Epochs epochs;
    private final RedisChannelSubscriber subscriber;
    private final DeliveryWaits waits = new DeliveryWaits(); // confined to the subscriber's context
    /** The newest data-set epoch seen when the subscription connection was last lost; on the subscriber's context. */
    private long epochAtLoss;
    private final CatchUp catchUp = new CatchUp(event -> {
        listeners.deliver(event);
        waits.delivered(event.sequence());
    });

    /** @param subscriptionClient a client of its own: the subscription connection takes one connection for itself */
    LiveFeed(Vertx vertx, Redis subscriptionClient, StreamHistory history, Epochs epochs, BrokerConnection connection) {
        this.history = history;
        this.epochs = epochs;
        this.subscriber = new RedisChannelSubscriber(vertx, subscriptionClient, new RedisChannelSubscriber.Listener() {
            @Override
            public void onMessage(String channel, String message) {
                announced(channel, message);
            }

            @Override
            public void onLost() {
                epochAtLoss = epochs.newest();
                catchUp.lost();
            }

            @Override
            public void onRestored() {
                restored();
            }
        }, connection);
    }

    /** Connects the subscription connection; fails when Redis cannot be reached. */
    Future<Void> start() {
        return subscriber.start();
    }

    /**
     * Registers a listener; completes once Redis confirmed the channel's subscription. A pattern is held by
     * {@code PSUBSCRIBE herald:live:<pattern>}: every channel it matches is announced here, those that appear later too.
     */
    CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        BrokerSubscription registration = listeners.add(channel, listener);
        if (ChannelNames.isPattern(channel)) {
            String livePattern = StreamKeys.live(channel);
            return subscriber.psubscribe(livePattern).thenApply(ok -> BrokerSubscription.once(() -> {
                registration.cancel();
                subscriber.punsubscribe(livePattern);
                subscriber.execute(() -> waits.releasedUnless(listeners::receives));
            }));
        }
        String live = StreamKeys.live(channel);
        return subscriber.subscribe(live).thenApply(ok -> BrokerSubscription.once(() -> {
            registration.cancel();
            subscriber.unsubscribe(live);
            subscriber.execute(() -> {
                if (!listeners.receives(channel)) {
                    waits.released(channel);
                }
            });
        }));
    }

    /**
     * Completes once the event at {@code order} on {@code channel} has been handed to this node's listeners of that
     * channel; at once when none listens here.
     */
    CompletionStage<Void> delivered(String channel, long order) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        subscriber.execute(() -> {
            if (!listeners.receives(channel)) {
                done.complete(null);
            } else {
                waits.await(channel, order, catchUp.lastDelivered()).whenComplete((ok, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        done.complete(null);
                    }
                });
            }
        });
        return done;
    }

    void close() {
        subscriber.execute(() -> waits.failAll(new IllegalStateException("the broker is closed")));
        subscriber.close();
    }

    private void announced(String liveChannel, String message) {
        Announcement announcement = Announcement.parse(StreamKeys.channelOfLive(liveChannel), message);
        if (announcement == null) {
            LOG.warn("skipping a malformed announcement on " + liveChannel);
            return;
        }
        epochs.seen(announcement.epoch());
        catchUp.announced(announcement);
    }

    /**
     * After an outage: reads what the subscribed channels received meanwhile, then goes live again. Redis kept what
     * this node missed, unless it lost its data (the head is of another epoch than the one seen before the loss) or
     * trimmed past what this node delivered: then every listener is told of a {@link Gap} first, placed before what
     * the streams still hold.
     */
    private void restored() {
        Set<String> subscriptions = new HashSet<>(listeners.channels());
        subscriptions.addAll(listeners.patterns());
        long lastDelivered = catchUp.lastDelivered();
        long lossesWhenRead = catchUp.losses();
        long epochBefore = epochAtLoss;
        history.head().compose(head -> (subscriptions.isEmpty() ? Future.succeededFuture(new StreamHistory.Read(List.of(), false))
                        : history.matched(subscriptions).compose(channels -> history.read(channels, head.epoch(),
                                StreamOrder.sequenceIn(lastDelivered, head.epoch()), head.sequence())))
                        .map(read -> new Caught(read.events(), subscriptions.isEmpty() ? null
                                : gapOf(head, read, epochBefore, lastDelivered))))
                .onSuccess(caught -> subscriber.execute(() -> {
                    if (caught.gap() != null) {
                        listeners.gap(caught.gap());
                        LOG.warn("Redis lost events this node had not delivered (its data set was replaced, or trimmed"
                                + " past them); its live streams were told history-gone");
                    }
                    catchUp.caughtUp(caught.events(), lossesWhenRead);
                    LOG.info("caught up after the Redis outage: " + caught.events().size()
                            + " events read from streams");
                }))
                .onFailure(error -> LOG.warn("could not catch up after the Redis outage ("
                        + error.getMessage() + "); will retry on the next reconnect"));
    }

    /** What a catch-up read, and the gap to tell before it, or {@code null}. */
    private record Caught(List<StoredEvent> events, Gap gap) {
    }

    /**
     * The gap a catch-up must tell, or {@code null}: a new data set is one from its start; a trim past the last event
     * delivered is one just before the first event still held (or at the head, when none is).
     */
    static Gap gapOf(StreamHistory.Head head, StreamHistory.Read read, long epochBefore, long lastDelivered) {
        if (epochBefore != 0 && head.epoch() != epochBefore) {
            return new Gap(StreamOrder.pack(head.epoch(), 0), new HeraldId(head.epoch(), 0).toString());
        }
        if (!read.trimmedPastAfter() || lastDelivered == 0) {
            return null;
        }
        long before = read.events().isEmpty() ? head.order() : read.events().get(0).sequence() - 1;
        return new Gap(before, new HeraldId(head.epoch(), StreamOrder.sequence(before)).toString());
    }
}
