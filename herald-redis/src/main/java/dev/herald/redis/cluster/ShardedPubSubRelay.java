package dev.herald.redis.cluster;

import dev.herald.broker.BrokerConnection;
import dev.herald.broker.relay.Relay;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.redis.RedisRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Redis Cluster's sharded Pub/Sub as a {@link Relay}: {@code SPUBLISH} and {@code SSUBSCRIBE} (Redis 7), so a
 * channel's messages go only to the shard that owns its slot, and the Pub/Sub load spreads over the masters instead of
 * reaching every node as a cluster's {@code PUBLISH} does. The message is flask-sse's JSON ({@link FlaskSseCodec}), as
 * on one Redis; but a flask-sse program {@code PUBLISH}es, which a sharded subscription does not receive (nor does a
 * flask-sse subscriber receive Herald's {@code SPUBLISH}). Put a {@link RelayedBroker} in front of it to get order,
 * ids and history per node. What it shares with the one-Redis relay is {@link RedisRelay}'s.
 *
 * <p>Publishing goes over one cluster connection ({@link ClusterCommands}), which routes each {@code SPUBLISH} to the
 * channel's master and follows {@code MOVED} and {@code ASK}; subscribing is {@link ShardedChannelSubscriber}'s. No
 * patterns ({@link #holdsPatterns} is false): sharded Pub/Sub has no {@code PSSUBSCRIBE}, and a pattern's channels
 * live on every shard. Several channels are sent one after the other (the relay's default {@link #sendAll}): their
 * slots may live on different masters, which no script spans.
 */
public final class ShardedPubSubRelay extends RedisRelay<ShardedChannelSubscriber> {

    private final ClusterCommands commands;

    /** A relay over the cluster the seeds lead to, reporting its subscriptions coming and going to {@code connection}. */
    public ShardedPubSubRelay(Vertx vertx, ClusterSeeds seeds, BrokerConnection connection) {
        super("Redis Cluster", listener ->
                new ShardedChannelSubscriber(vertx, Redis.createClient(vertx, seeds.options()), listener, connection));
        this.commands = new ClusterCommands(vertx, Redis.createClient(vertx, seeds.options()));
    }

    @Override
    protected Request publish(String channel, String message) {
        return Request.cmd(Command.SPUBLISH).arg(channel).arg(message);
    }

    @Override
    protected Future<Response> request(Request request) {
        return commands.send(request);
    }

    @Override
    protected void closeCommands() {
        commands.close();
    }
}
