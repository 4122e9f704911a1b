package dev.herald.redis.cluster;

import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.relay.Relay;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.CompletionStage;

/**
 * Redis Cluster's sharded Pub/Sub as a {@link Relay}: {@code SPUBLISH} and {@code SSUBSCRIBE} (Redis 7), so a
 * channel's messages go only to the shard that owns its slot, and the Pub/Sub load spreads over the masters instead of
 * reaching every node as a cluster's {@code PUBLISH} does. The message is flask-sse's JSON ({@link FlaskSseCodec}), as
 * on one Redis; but a flask-sse program {@code PUBLISH}es, which a sharded subscription does not receive (nor does a
 * flask-sse subscriber receive Herald's {@code SPUBLISH}). Put a {@link RelayedBroker} in front of it to get order,
 * ids and history per node.
 *
 * <p>Publishing goes over one cluster connection ({@link ClusterCommands}), which routes each {@code SPUBLISH} to the
 * channel's master and follows {@code MOVED} and {@code ASK}; subscribing is {@link ShardedChannelSubscriber}'s. No
 * patterns ({@link #holdsPatterns} is false): sharded Pub/Sub has no {@code PSSUBSCRIBE}, and a pattern's channels
 * live on every shard.
 */
public final class ShardedPubSubRelay implements Relay {

    private final ClusterCommands commands;
    private final ShardedChannelSubscriber subscriber;
    private volatile Receiver receiver;

    /** A relay over the cluster the seeds lead to, reporting its subscriptions coming and going to {@code connection}. */
    public ShardedPubSubRelay(Vertx vertx, ClusterSeeds seeds, BrokerConnection connection) {
        this.commands = new ClusterCommands(vertx, Redis.createClient(vertx, seeds.options()));
        this.subscriber = new ShardedChannelSubscriber(vertx, Redis.createClient(vertx, seeds.options()),
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
        return commands.send(Request.cmd(Command.SPUBLISH).arg(channel).arg(message))
                .toCompletionStage()
                .handle((reply, error) -> {
                    if (error != null) {
                        throw new BrokerUnavailableException("Redis Cluster did not take the event: "
                                + error.getMessage(), error);
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

    @Override
    public void close() {
        subscriber.close();
        commands.close();
    }
}
