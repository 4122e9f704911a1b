package dev.herald.redis;

import io.vertx.redis.client.RedisOptions;

/** The Redis client settings every broker of a node uses. */
public final class RedisClients {

    /**
     * Requests that may wait for a pooled connection. The client's default (24) refuses the 25th concurrent
     * request: a thousand clients reconnecting at once would then be closed instead of served.
     */
    private static final int MAX_WAITING = 100_000;
    private static final int POOL_SIZE = 8;

    private RedisClients() {
    }

    /** Options for a {@code redis://} or {@code rediss://} URL. */
    public static RedisOptions options(String redisUrl) {
        return new RedisOptions()
                .setConnectionString(redisUrl)
                .setMaxPoolSize(POOL_SIZE)
                .setMaxPoolWaiting(MAX_WAITING)
                .setMaxWaitingHandlers(MAX_WAITING);
    }
}
