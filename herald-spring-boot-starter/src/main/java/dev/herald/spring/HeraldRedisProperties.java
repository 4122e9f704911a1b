package dev.herald.spring;

/** {@code herald.redis.*}: the Redis connection of the Redis brokers. */
public class HeraldRedisProperties {

    /** The Redis server, redis://host:port/db or rediss://... (used by the redis-pubsub and redis-streams brokers). */
    private String url = "redis://localhost:6379/0";

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }
}
