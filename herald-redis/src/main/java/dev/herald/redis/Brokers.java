package dev.herald.redis;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.cluster.ShardedPubSubRelay;
import dev.herald.redis.cstreams.PartitionedStreamsBroker;
import dev.herald.redis.pubsub.PubSubRelay;
import dev.herald.redis.streams.StreamsBroker;
import dev.herald.broker.BrokerFactory;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisOptions;

/** Builds the broker that a {@link BrokerOptions} names: the one place every HTTP adapter gets its broker from. */
public final class Brokers {

    private Brokers() {
    }

    /**
     * Builds and connects the broker. Completes at once for the memory broker; with Redis, once Redis answered, and
     * fails with a message naming the (password-free) URL when it cannot be reached.
     *
     * @param vertx      the Vert.x whose Redis client the Redis brokers use; not used by the memory broker (may be null then)
     * @param connection where a Redis broker reports its subscription connection coming and going
     */
    public static Future<Broker> connect(BrokerOptions options, Vertx vertx, BrokerConnection connection) {
        if (options instanceof BrokerOptions.Memory memory) {
            return Future.succeededFuture(new MemoryBroker(memory.history()));
        }
        Future<? extends Broker> connected;
        String url;
        if (options instanceof BrokerOptions.RedisClusterPubSub cluster) {
            url = cluster.seeds().forDisplay();
            connected = Future.fromCompletionStage(RelayedBroker.start(
                    new ShardedPubSubRelay(vertx, cluster.seeds(), connection), cluster.history(), cluster.relay(),
                    connection.metrics()));
        } else if (options instanceof BrokerOptions.RedisClusterStreams cluster) {
            url = cluster.seeds().forDisplay();
            connected = PartitionedStreamsBroker.connect(vertx, cluster.seeds().options(), cluster.maxEvents(),
                    cluster.rules(), cluster.replicaWait(), connection);
        } else if (options instanceof BrokerOptions.RedisPubSub pubSub) {
            url = pubSub.url();
            connected = Future.fromCompletionStage(RelayedBroker.start(new PubSubRelay(vertx, url, connection),
                    pubSub.history(), pubSub.relay(), connection.metrics()));
        } else {
            BrokerOptions.RedisStreams streams = (BrokerOptions.RedisStreams) options;
            url = streams.url();
            connected = StreamsBroker.connect(vertx, url, streams.maxEvents(), streams.rules(), connection);
        }
        return connected.<Broker>map(b -> b).recover(error -> Future.failedFuture(new IllegalStateException(
                "cannot reach Redis at " + RedisClients.forDisplay(url) + ": " + rootMessage(error), error)));
    }

    /**
     * Builds and connects the broker on the context's Vert.x ({@code Vertx.class}) or, when it offers none and the
     * broker is on Redis, on a Vert.x of its own, closed after the broker.
     */
    static CompletionStage<Broker> connect(BrokerOptions options, BrokerFactory.Context context) {
        if (options instanceof BrokerOptions.Memory memory) {
            return CompletableFuture.completedFuture(new MemoryBroker(memory.history()));
        }
        Optional<Vertx> shared = context.shared(Vertx.class);
        if (shared.isPresent()) {
            offerIdempotencyStore(options, shared.get(), context);
            return connect(options, shared.get(), context.connection()).toCompletionStage();
        }
        Vertx own = Vertx.vertx();
        offerIdempotencyStore(options, own, context);
        context.closeAfterBroker(own::close);
        return connect(options, own, context.connection())
                .onFailure(failed -> own.close())
                .toCompletionStage();
    }

    /** The Redis broker's idempotency keys, shared by every node of that Redis, on command connections of their own. */
    private static void offerIdempotencyStore(BrokerOptions options, Vertx vertx, BrokerFactory.Context context) {
        RedisCommands commands = new RedisCommands(vertx, commandOptions(options));
        context.closeAfterBroker(commands::close);
        context.offerIdempotencyStore(new RedisIdempotencyStore(commands));
    }

    /**
     * The command connections' options of a Redis broker: its URL's, or a cluster client's over its seeds (single-key
     * commands, which the cluster client sends to the key's master).
     */
    public static RedisOptions commandOptions(BrokerOptions options) {
        if (options instanceof BrokerOptions.RedisClusterPubSub cluster) {
            return cluster.seeds().options();
        }
        if (options instanceof BrokerOptions.RedisClusterStreams cluster) {
            return cluster.seeds().options();
        }
        if (options instanceof BrokerOptions.RedisPubSub pubSub) {
            return RedisClients.options(pubSub.url());
        }
        if (options instanceof BrokerOptions.RedisStreams streams) {
            return RedisClients.options(streams.url());
        }
        throw new IllegalArgumentException("the in-memory broker has no Redis");
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
