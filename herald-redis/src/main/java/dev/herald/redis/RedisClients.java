package dev.herald.redis;

import dev.herald.options.InvalidOptionException;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.net.URISyntaxException;

/** The Redis client settings every broker of a node uses, and the rule for Redis URLs. */
public final class RedisClients {

    /**
     * Requests that may wait for a pooled connection, and requests in flight on one connection (its pipeline). The
     * client's default (24) refuses the 25th concurrent request: a thousand clients reconnecting at once would then
     * be closed instead of served.
     */
    private static final int MAX_WAITING = 100_000;
    private static final int POOL_SIZE = 8;

    private RedisClients() {
    }

    /**
     * Checks a Redis URL (option {@code redis}): {@code redis://[user:password@]host:port/db}, or {@code rediss://}
     * for TLS.
     *
     * @throws InvalidOptionException when it is missing or of another form
     */
    public static String checkUrl(String url) {
        URI parsed;
        try {
            parsed = url == null ? null : new URI(url);
        } catch (URISyntaxException notAUri) {
            parsed = null;
        }
        if (parsed == null || !("redis".equals(parsed.getScheme()) || "rediss".equals(parsed.getScheme()))
                || parsed.getHost() == null) {
            throw new InvalidOptionException("redis", "must be a URL like redis://localhost:6379/0, got "
                    + (url == null ? "nothing" : forDisplay(url)));
        }
        return url;
    }

    /** The URL without its password, for logs and messages. */
    public static String forDisplay(String url) {
        return url.replaceAll("//[^@/]*@", "//");
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
