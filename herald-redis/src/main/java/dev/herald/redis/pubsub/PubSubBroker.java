package dev.herald.redis.pubsub;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.HeraldId;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.RedisClients;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans out through Redis Pub/Sub, wire-compatible with flask-sse: the Redis channel is the SSE channel and the
 * message is flask-sse's JSON ({@link FlaskSseCodec}), so Python publishers and subscribers interoperate.
 *
 * <p>Each node keeps its own order and history: every message this node receives from Redis goes into a local
 * {@link MemoryBroker}, which numbers it, keeps it for resuming and hands it to the hub. So resuming works on
 * the node that saw the events; on another node an id is found only if that node saw the same event
 * (events published by Herald carry the same id everywhere). Messages published while this node's
 * subscription is down are not seen by it: Pub/Sub does not store them.
 *
 * <p>A publish completes once Redis accepted the message; it reaches this node's own clients when Redis
 * delivers it back. Its {@link StoredEvent#sequence()} is 0: the order is each receiving node's.
 */
public final class PubSubBroker implements Broker {

    private static final System.Logger LOG = System.getLogger(PubSubBroker.class.getName());

    private final MemoryBroker local;
    private final Redis commands;
    private final RedisChannelSubscriber subscriber;
    private final String idPrefix = "h" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong published = new AtomicLong();

    private PubSubBroker(Vertx vertx, RedisOptions options, HistoryPolicy history) {
        this.local = new MemoryBroker(history);
        this.commands = Redis.createClient(vertx, options);
        this.subscriber = new RedisChannelSubscriber(vertx, Redis.createClient(vertx, options), this::received);
    }

    /** Connects to Redis ({@code redis://host:port/db}); fails when it cannot be reached. */
    public static Future<PubSubBroker> connect(Vertx vertx, String redisUrl, HistoryPolicy history) {
        PubSubBroker broker = new PubSubBroker(vertx, RedisClients.options(redisUrl), history);
        return broker.subscriber.start().map(started -> broker).onFailure(error -> broker.close());
    }

    @Override
    public CompletionStage<StoredEvent> publish(String channel, SseEvent event) {
        try {
            HeraldId.checkPublisherId(event.id());
        } catch (InvalidEventException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        SseEvent withId = event.id() != null ? event : event.withId(idPrefix + "-" + published.incrementAndGet());
        return commands.send(Request.cmd(Command.PUBLISH).arg(channel).arg(FlaskSseCodec.encode(withId)))
                .toCompletionStage()
                .handle((reply, error) -> {
                    if (error != null) {
                        throw new BrokerUnavailableException("Redis did not take the event: " + error.getMessage(), error);
                    }
                    return new StoredEvent(channel, 0, withId);
                });
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        CompletionStage<Void> confirmed = subscriber.subscribe(channel);
        return local.subscribe(channel, listener).thenCombine(confirmed, (localSubscription, ok) ->
                BrokerSubscription.once(() -> {
                    localSubscription.cancel();
                    subscriber.unsubscribe(channel);
                }));
    }

    @Override
    public CompletionStage<Replay> replay(Set<String> channels, String lastEventId) {
        return local.replay(channels, lastEventId);
    }

    @Override
    public void close() {
        subscriber.close();
        commands.close();
        local.close();
    }

    private void received(String channel, String message) {
        SseEvent event;
        try {
            event = FlaskSseCodec.decode(message);
        } catch (InvalidEventException invalid) {
            LOG.log(System.Logger.Level.WARNING, "skipping a message on Redis channel \"" + channel + "\": "
                    + invalid.getMessage());
            return;
        }
        local.publish(channel, event).whenComplete((stored, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "skipping a message on Redis channel \"" + channel + "\": "
                        + error.getMessage());
            }
        });
    }
}
