package dev.herald.spring;

import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.HistoryRule;
import dev.herald.broker.relay.RelayOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.cluster.ClusterSeeds;
import dev.herald.redis.cstreams.ReplicaWait;
import dev.herald.options.Option;
import java.time.Duration;
import java.util.List;

/** {@code herald.redis.*}: the Redis connection of the Redis brokers. */
public class HeraldRedisProperties {

    /** {@code herald.redis.wait-replicas}: the declaration of {@code --redis-wait-replicas}. */
    static final Option<Integer> WAIT_REPLICAS = ReplicaWait.REPLICAS.alias("redis.wait-replicas");
    /** {@code herald.redis.wait-timeout}: the declaration of {@code --redis-wait-timeout}. */
    static final Option<Duration> WAIT_TIMEOUT = ReplicaWait.TIMEOUT.alias("redis.wait-timeout");
    /** {@code herald.redis.linger}: the declaration of {@code --redis-linger}. */
    static final Option<Duration> LINGER = RelayOptions.LINGER.alias("redis.linger");

    /** The Redis server, redis://host:port/db or rediss://... (used by the redis-pubsub and redis-streams brokers). */
    private String url = "redis://localhost:6379/0";

    /**
     * A Redis Cluster's seed nodes, host:port[,host:port...] or redis:// URLs; when set, the redis-pubsub broker uses
     * the cluster's sharded Pub/Sub, the redis-streams broker its partitioned streams, and the url is not read.
     */
    private String cluster;

    private int waitReplicas = WAIT_REPLICAS.defaultValue();
    private Duration waitTimeout = WAIT_TIMEOUT.defaultValue();
    private Duration linger = LINGER.defaultValue();

    /** The {@code redis-pubsub} broker: over the cluster's sharded Pub/Sub when seeds are set, else over the url. */
    BrokerOptions pubSub(HistoryPolicy history) {
        RelayOptions relay = new RelayOptions(linger);
        return cluster == null || cluster.isBlank() ? new BrokerOptions.RedisPubSub(url, history, relay)
                : new BrokerOptions.RedisClusterPubSub(ClusterSeeds.parse(cluster), history, relay);
    }

    /** The {@code redis-streams} broker: partitioned over the cluster when seeds are set, else on the url's Redis. */
    BrokerOptions streams(int historySize, List<HistoryRule> rules) {
        return cluster == null || cluster.isBlank() ? new BrokerOptions.RedisStreams(url, historySize, rules)
                : new BrokerOptions.RedisClusterStreams(ClusterSeeds.parse(cluster), historySize, rules,
                        new ReplicaWait(waitReplicas, waitTimeout));
    }

    public int getWaitReplicas() {
        return waitReplicas;
    }

    public void setWaitReplicas(int waitReplicas) {
        this.waitReplicas = waitReplicas;
    }

    public Duration getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(Duration waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }
}
