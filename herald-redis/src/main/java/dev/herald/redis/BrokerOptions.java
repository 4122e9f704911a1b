package dev.herald.redis;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerFactory;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.HistoryRule;
import dev.herald.broker.relay.RelayOptions;
import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import dev.herald.redis.cluster.ClusterSeeds;
import dev.herald.redis.cstreams.ReplicaWait;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Which broker Herald uses (the Vert.x builder and the Spring starter alike), with that broker's settings. Every record checks its values when built
 * ({@link InvalidOptionException}); {@link Brokers#connect} and whoever builds from them trust them.
 */
public sealed interface BrokerOptions extends BrokerFactory {

    /** Without it, the in-memory broker; {@code REDIS_URL}, which earlier versions read, is still read (deprecated). */
    Option<String> REDIS = Option.of("redis", String.class).deprecatedEnv("REDIS_URL").check(Check.any())
            .description("Fan out through Redis, e.g. redis://localhost:6379/0; without it Herald uses its in-memory "
                    + "broker");

    /** Seed nodes of a Redis Cluster, read by {@link ClusterSeeds#parse}; not with {@link #REDIS}. */
    Option<String> REDIS_CLUSTER = Option.of(ClusterSeeds.OPTION, String.class).check(Check.any())
            .description("Fan out through a Redis Cluster (Redis 7) reached from these seed nodes, "
                    + "host:port[,host:port...] or redis://[user:password@]host:port URLs; pubsub mode uses sharded "
                    + "Pub/Sub. Not with redis");

    /** Checked with or without a Redis URL: a mode ignored today would surprise whoever adds Redis later. */
    Option<String> REDIS_MODE = Option.of("redis-mode", String.class).defaultsTo("pubsub")
            .check(Check.oneOf("pubsub", "streams"))
            .description("With a Redis URL: pubsub (flask-sse's format, history per node) or streams (history in Redis "
                    + "Streams, any node resumes any client)");

    /**
     * The broker that a Redis URL ({@link #REDIS}, none or blank for the in-memory broker) and a mode
     * ({@link #REDIS_MODE}) name, with {@code history}.
     *
     * @throws InvalidOptionException when the mode or the URL is refused
     */
    static BrokerOptions of(String redisUrl, String redisMode, HistoryPolicy history) {
        return of(redisUrl, null, redisMode, history);
    }

    /**
     * The broker that a Redis URL ({@link #REDIS}) or a Redis Cluster's seeds ({@link #REDIS_CLUSTER}; at most one of
     * the two, none or blank for the in-memory broker) and a mode ({@link #REDIS_MODE}) name, with {@code history}.
     *
     * @throws InvalidOptionException when the mode, the URL or the seeds are refused, or both a URL and seeds are given
     */
    static BrokerOptions of(String redisUrl, String redisCluster, String redisMode, HistoryPolicy history) {
        return of(redisUrl, redisCluster, redisMode, history, ReplicaWait.none());
    }

    /**
     * As {@link #of(String, String, String, HistoryPolicy)}; in Streams mode on a cluster, a publish is acknowledged
     * once {@code wait}'s replicas hold its event.
     */
    static BrokerOptions of(String redisUrl, String redisCluster, String redisMode, HistoryPolicy history,
            ReplicaWait wait) {
        return of(redisUrl, redisCluster, redisMode, history, wait, RelayOptions.defaults());
    }

    /**
     * As {@link #of(String, String, String, HistoryPolicy, ReplicaWait)}; in Pub/Sub mode, one Redis or a cluster, the
     * node holds its channels on Redis as {@code relay} says ({@link RelayOptions#LINGER}).
     */
    static BrokerOptions of(String redisUrl, String redisCluster, String redisMode, HistoryPolicy history,
            ReplicaWait wait, RelayOptions relay) {
        String mode = REDIS_MODE.check(redisMode);
        if (redisCluster != null && !redisCluster.isBlank()) {
            if (redisUrl != null && !redisUrl.isBlank()) {
                throw new InvalidOptionException(ClusterSeeds.OPTION, "give either redis (one Redis) or redis-cluster "
                        + "(a Redis Cluster's seed nodes), not both");
            }
            return mode.equals("streams")
                    ? new RedisClusterStreams(ClusterSeeds.parse(redisCluster), history.maxEvents(), history.rules(), wait)
                    : new RedisClusterPubSub(ClusterSeeds.parse(redisCluster), history, relay);
        }
        if (redisUrl == null || redisUrl.isBlank()) {
            return new Memory(history);
        }
        return mode.equals("streams") ? new RedisStreams(redisUrl, history.maxEvents(), history.rules())
                : new RedisPubSub(redisUrl, history, relay);
    }

    /** The in-memory broker: one process, history lost on restart. The default. */
    record Memory(HistoryPolicy history) implements BrokerOptions {
        public Memory {
            OptionChecks.present("history", history);
        }
    }

    /**
     * Redis Pub/Sub, in flask-sse's format: every node receives every event; each node numbers them and keeps its own
     * history ({@code history} applies per node).
     *
     * @param url   {@code redis://host:port/db} or {@code rediss://...} (option {@code redis})
     * @param relay how long a channel stays subscribed after its last stream ({@link RelayOptions#LINGER})
     */
    record RedisPubSub(String url, HistoryPolicy history, RelayOptions relay) implements BrokerOptions {
        public RedisPubSub {
            RedisClients.checkUrl(url);
            OptionChecks.present("history", history);
            OptionChecks.present(RelayOptions.LINGER.key(), relay);
        }

        /** With the {@link RelayOptions#defaults() default} linger. */
        public RedisPubSub(String url, HistoryPolicy history) {
            this(url, history, RelayOptions.defaults());
        }
    }

    /**
     * Redis Cluster's sharded Pub/Sub ({@code SPUBLISH}, {@code SSUBSCRIBE}; Redis 7), in flask-sse's format: a
     * channel's messages go only to the shard owning its slot; each node numbers the events and keeps its own history,
     * as with {@link RedisPubSub}. A flask-sse program's {@code PUBLISH} does not reach it. No pattern subscriptions.
     *
     * @param seeds the cluster's seed nodes (option {@code redis-cluster})
     * @param relay how long a channel stays subscribed after its last stream ({@link RelayOptions#LINGER})
     */
    record RedisClusterPubSub(ClusterSeeds seeds, HistoryPolicy history, RelayOptions relay) implements BrokerOptions {
        public RedisClusterPubSub {
            OptionChecks.present(ClusterSeeds.OPTION, seeds);
            OptionChecks.present("history", history);
            OptionChecks.present(RelayOptions.LINGER.key(), relay);
        }

        /** With the {@link RelayOptions#defaults() default} linger. */
        public RedisClusterPubSub(ClusterSeeds seeds, HistoryPolicy history) {
            this(seeds, history, RelayOptions.defaults());
        }
    }

    /**
     * Redis Streams on a Redis Cluster: history in Redis Streams spread over 16 partitions, each a slot of its own (no
     * key takes every publish); one order per partition, an id naming each partition a stream spans; any node resumes
     * any client ({@link dev.herald.redis.cstreams.PartitionedStreamsBroker}).
     *
     * @param seeds     the cluster's seed nodes (option {@code redis-cluster})
     * @param maxEvents about how many events each channel's stream keeps (option {@code history-size}), at least 1
     * @param rules     the channels that keep another number of events (option {@code history}; ages do not apply)
     * @param replicaWait the replicas that must hold an event before its publish is acknowledged (options
     *                  {@code redis-wait-replicas}, {@code redis-wait-timeout})
     */
    record RedisClusterStreams(ClusterSeeds seeds, int maxEvents, List<HistoryRule> rules, ReplicaWait replicaWait)
            implements BrokerOptions {
        public RedisClusterStreams {
            OptionChecks.present(ClusterSeeds.OPTION, seeds);
            OptionChecks.atLeast("history-size", maxEvents, 1, "event");
            rules = List.copyOf(rules);
            OptionChecks.present(ReplicaWait.REPLICAS.key(), replicaWait);
        }
    }

    /**
     * Redis Streams: history in Redis, one order and the same ids on every node, any node resumes any client.
     *
     * @param url       {@code redis://host:port/db} or {@code rediss://...} (option {@code redis})
     * @param maxEvents about how many events each channel's stream keeps (option {@code history-size}; Redis trims
     *                  with {@code MAXLEN ~}); at least 1. History has no age limit in this mode.
     * @param rules     the channels that keep another number of events (option {@code history}; the first rule that
     *                  matches, at least 1 event; their ages do not apply)
     */
    record RedisStreams(String url, int maxEvents, List<HistoryRule> rules) implements BrokerOptions {
        public RedisStreams {
            RedisClients.checkUrl(url);
            OptionChecks.atLeast("history-size", maxEvents, 1, "event");
            rules = List.copyOf(rules);
        }

        /** Every channel keeping about {@code maxEvents}. */
        public RedisStreams(String url, int maxEvents) {
            this(url, maxEvents, List.of());
        }
    }

    /** The in-memory broker with 1,000 events per channel for an hour. */
    static BrokerOptions memory() {
        return new Memory(HistoryPolicy.defaults());
    }

    /**
     * Connects the broker named, on the application's Vert.x when the context offers one ({@code Vertx.class}), else on
     * a Vert.x of its own that closes with the broker (see {@link Brokers#connect}).
     */
    @Override
    default CompletionStage<Broker> connect(BrokerFactory.Context context) {
        return Brokers.connect(this, context);
    }

    /** {@code memory}, {@code redis-pubsub}, {@code redis-cluster-pubsub}, {@code redis-cluster-streams} or {@code redis-streams}: the console's name for the broker. */
    @Override
    default String kind() {
        if (this instanceof RedisPubSub) {
            return "redis-pubsub";
        }
        if (this instanceof RedisClusterPubSub) {
            return "redis-cluster-pubsub";
        }
        if (this instanceof RedisClusterStreams) {
            return "redis-cluster-streams";
        }
        return this instanceof RedisStreams ? "redis-streams" : "memory";
    }

    /** A short description for logs, without any password: "in-memory broker", "Redis Streams at redis://...". */
    @Override
    default String describe() {
        if (this instanceof RedisPubSub pubSub) {
            return "Redis Pub/Sub at " + RedisClients.forDisplay(pubSub.url());
        }
        if (this instanceof RedisClusterPubSub cluster) {
            return "Redis Cluster sharded Pub/Sub at " + cluster.seeds().forDisplay();
        }
        if (this instanceof RedisClusterStreams cluster) {
            return "Redis Cluster Streams at " + cluster.seeds().forDisplay();
        }
        if (this instanceof RedisStreams streams) {
            return "Redis Streams at " + RedisClients.forDisplay(streams.url());
        }
        return "in-memory broker";
    }
}
