package dev.herald.redis.pubsub;

import dev.herald.broker.BrokerConnection;
import dev.herald.broker.relay.Relay;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.RedisClients;
import dev.herald.redis.RedisCommands;
import dev.herald.redis.RedisRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Redis Pub/Sub as a {@link Relay}, wire-compatible with flask-sse: the Redis channel is the SSE channel and the
 * message is flask-sse's JSON ({@link FlaskSseCodec}), so Python publishers and subscribers interoperate. Put a
 * {@link RelayedBroker} in front of it to get order, ids and history per node.
 *
 * <p>One subscription connection per node ({@link RedisChannelSubscriber}), whatever the number of channels and
 * clients; publishing goes over a small pool of command connections. What it shares with the cluster's relay is
 * {@link RedisRelay}'s; its own are {@code PUBLISH}, patterns and one event on several channels at once.
 */
public final class PubSubRelay extends RedisRelay<RedisChannelSubscriber> {

    /** ARGV[1] the message, ARGV[2..] the channels. */
    private static final String PUBLISH_ALL =
            "for i = 2, #ARGV do redis.call('PUBLISH', ARGV[i], ARGV[1]) end return #ARGV - 1";

    private final RedisCommands commands;

    /** A relay over the Redis at {@code redis://host:port/db} (or {@code rediss://}); it connects on {@link #start}. */
    public PubSubRelay(Vertx vertx, String redisUrl) {
        this(vertx, redisUrl, BrokerConnection.untracked());
    }

    /** A relay that reports its subscription connection coming and going to {@code connection}. */
    public PubSubRelay(Vertx vertx, String redisUrl, BrokerConnection connection) {
        this(vertx, RedisClients.options(redisUrl), connection);
    }

    private PubSubRelay(Vertx vertx, RedisOptions options, BrokerConnection connection) {
        super("Redis", listener ->
                new RedisChannelSubscriber(vertx, Redis.createClient(vertx, options), listener, connection));
        this.commands = new RedisCommands(vertx, options);
    }

    @Override
    protected Request publish(String channel, String message) {
        return Request.cmd(Command.PUBLISH).arg(channel).arg(message);
    }

    @Override
    protected Future<Response> request(Request request) {
        return commands.send(request);
    }

    @Override
    protected void closeCommands() {
        commands.close();
    }

    /**
     * One script publishes the message on every channel, so no other message comes between them at any subscriber
     * (Redis runs a script at once): a Herald node stores them as one event. A flask-sse subscriber of one channel
     * receives its ordinary message.
     */
    @Override
    public boolean sendsAllAtOnce() {
        return true;
    }

    @Override
    public CompletionStage<Void> sendAll(List<String> channels, String message) {
        Request script = Request.cmd(Command.EVAL).arg(PUBLISH_ALL).arg(0).arg(message);
        channels.forEach(script::arg);
        return taken(commands.send(script));
    }

    /** A pattern is held by {@code PSUBSCRIBE} on the same connection; see {@link RedisChannelSubscriber#psubscribe}. */
    @Override
    public CompletionStage<Void> holdPattern(String pattern) {
        return subscriber.psubscribe(pattern);
    }

    @Override
    public boolean holdsPatterns() {
        return true;
    }

    @Override
    public void releasePattern(String pattern) {
        subscriber.punsubscribe(pattern);
    }
}
