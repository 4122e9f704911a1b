package dev.herald.redis.pubsub;

import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.relay.Relay;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.RedisClients;
import dev.herald.redis.RedisCommands;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Redis Pub/Sub as a {@link Relay}, wire-compatible with flask-sse: the Redis channel is the SSE channel and the
 * message is flask-sse's JSON ({@link FlaskSseCodec}), so Python publishers and subscribers interoperate. Put a
 * {@link RelayedBroker} in front of it to get order, ids and history per node.
 *
 * <p>One subscription connection per node ({@link RedisChannelSubscriber}), whatever the number of channels and
 * clients; publishing goes over a small pool of command connections.
 */
public final class PubSubRelay implements Relay {

    /** ARGV[1] the message, ARGV[2..] the channels. */
    private static final String PUBLISH_ALL =
            "for i = 2, #ARGV do redis.call('PUBLISH', ARGV[i], ARGV[1]) end return #ARGV - 1";

    private final RedisCommands commands;
    private final RedisChannelSubscriber subscriber;
    private volatile Receiver receiver;

    /** A relay over the Redis at {@code redis://host:port/db} (or {@code rediss://}); it connects on {@link #start}. */
    public PubSubRelay(Vertx vertx, String redisUrl) {
        this(vertx, redisUrl, BrokerConnection.untracked());
    }

    /** A relay that reports its subscription connection coming and going to {@code connection}. */
    public PubSubRelay(Vertx vertx, String redisUrl, BrokerConnection connection) {
        RedisOptions options = RedisClients.options(redisUrl);
        this.commands = new RedisCommands(vertx, options);
        this.subscriber = new RedisChannelSubscriber(vertx, Redis.createClient(vertx, options),
                new RedisChannelSubscriber.Listener() {
                    @Override
                    public void onMessage(String channel, String message) {
                        receiver.received(channel, message);
                    }

                    @Override
                    public void onLost() {
                        receiver.lost();
                    }

                    @Override
                    public void onRestored() {
                        receiver.restored();
                    }
                }, connection);
    }

    @Override
    public CompletionStage<Void> start(Receiver newReceiver) {
        this.receiver = newReceiver;
        return subscriber.start().toCompletionStage();
    }

    @Override
    public String encode(SseEvent event) {
        return FlaskSseCodec.encode(event);
    }

    @Override
    public SseEvent decode(String message) {
        return FlaskSseCodec.decode(message);
    }

    @Override
    public CompletionStage<Void> send(String channel, String message) {
        return commands.send(Request.cmd(Command.PUBLISH).arg(channel).arg(message))
                .toCompletionStage()
                .handle((reply, error) -> {
                    if (error != null) {
                        throw new BrokerUnavailableException("Redis did not take the event: " + error.getMessage(), error);
                    }
                    return null;
                });
    }

    /**
     * One script publishes the message on every channel, so no other message comes between them at any subscriber
     * (Redis runs a script at once): a Herald node stores them as one event. A flask-sse subscriber of one channel
     * receives its ordinary message.
     */
    /** One script: Redis runs it at once, so no other message comes between the channels' messages. */
    @Override
    public boolean sendsAllAtOnce() {
        return true;
    }

    @Override
    public CompletionStage<Void> sendAll(List<String> channels, String message) {
        Request script = Request.cmd(Command.EVAL).arg(PUBLISH_ALL).arg(0).arg(message);
        channels.forEach(script::arg);
        return commands.send(script)
                .toCompletionStage()
                .handle((reply, error) -> {
                    if (error != null) {
                        throw new BrokerUnavailableException("Redis did not take the event: " + error.getMessage(), error);
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> hold(String channel) {
        return subscriber.subscribe(channel);
    }

    @Override
    public void release(String channel) {
        subscriber.unsubscribe(channel);
    }

    /** Patterns are held by {@code PSUBSCRIBE} on the same connection; see {@link RedisChannelSubscriber#psubscribe}. */
    @Override
    public boolean holdsPatterns() {
        return true;
    }

    @Override
    public CompletionStage<Void> holdPattern(String pattern) {
        return subscriber.psubscribe(pattern);
    }

    @Override
    public void releasePattern(String pattern) {
        subscriber.punsubscribe(pattern);
    }

    @Override
    public void close() {
        subscriber.close();
        commands.close();
    }
}
