package dev.herald.spring;

import dev.herald.broker.HistoryPolicy;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.cluster.ClusterSeeds;

/** {@code herald.redis.*}: the Redis connection of the Redis brokers. */
public class HeraldRedisProperties {

    /** The Redis server, redis://host:port/db or rediss://... (used by the redis-pubsub and redis-streams brokers). */
    private String url = "redis://localhost:6379/0";

    /**
     * A Redis Cluster's seed nodes, host:port[,host:port...] or redis:// URLs; when set, the redis-pubsub broker uses
     * the cluster's sharded Pub/Sub and the url is not read.
     */
    private String cluster;

    /** The {@code redis-pubsub} broker: over the cluster's sharded Pub/Sub when seeds are set, else over the url. */
    BrokerOptions pubSub(HistoryPolicy history) {
        return cluster == null || cluster.isBlank() ? new BrokerOptions.RedisPubSub(url, history)
                : new BrokerOptions.RedisClusterPubSub(ClusterSeeds.parse(cluster), history);
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
