package dev.herald.server;

import java.time.Duration;

/**
 * Everything the server can be told at start-up.
 *
 * @param host               address to listen on
 * @param port               port to listen on; 0 picks a free one
 * @param heartbeatInterval  time between heartbeat comments on every stream
 * @param retry              reconnection time announced to clients
 * @param historySize        events kept per channel for resuming
 * @param historyAge         how long an event stays in history
 * @param bufferLimitBytes   outbound buffer per stream before a slow client is dropped
 * @param bodyLimitBytes     largest request body accepted
 * @param redisUrl           {@code redis://host:port/db} to fan out through Redis Pub/Sub, or {@code null} for the
 *                           in-memory broker
 * @param redisMode          how Redis is used: Pub/Sub (flask-sse's format) or Streams (history in Redis)
 */
public record HeraldConfig(String host, int port, Duration heartbeatInterval, Duration retry, int historySize,
                           Duration historyAge, int bufferLimitBytes, int bodyLimitBytes, String redisUrl, RedisMode redisMode) {

    /** How Herald uses Redis. */
    public enum RedisMode {
        /** flask-sse's channels and messages; history per node. */
        PUBSUB,
        /** A Redis Stream per channel; any node resumes any client. */
        STREAMS
    }

    /** The defaults: loopback, port 8080, 15 s heartbeats, 3 s retry, 1,000 events for 1 h, 256 KiB, 64 KiB. */
    public static HeraldConfig defaults() {
        return new HeraldConfig("127.0.0.1", 8080, Duration.ofSeconds(15), Duration.ofSeconds(3), 1000,
                Duration.ofHours(1), 256 * 1024, 64 * 1024, null, RedisMode.PUBSUB);
    }

    public HeraldConfig withPort(int newPort) {
        return new HeraldConfig(host, newPort, heartbeatInterval, retry, historySize, historyAge, bufferLimitBytes, bodyLimitBytes, redisUrl, redisMode);
    }

    public HeraldConfig withHeartbeat(Duration interval) {
        return new HeraldConfig(host, port, interval, retry, historySize, historyAge, bufferLimitBytes, bodyLimitBytes, redisUrl, redisMode);
    }

    public HeraldConfig withHistory(int size, Duration age) {
        return new HeraldConfig(host, port, heartbeatInterval, retry, size, age, bufferLimitBytes, bodyLimitBytes, redisUrl, redisMode);
    }

    public HeraldConfig withBufferLimit(int bytes) {
        return new HeraldConfig(host, port, heartbeatInterval, retry, historySize, historyAge, bytes, bodyLimitBytes, redisUrl, redisMode);
    }

    public HeraldConfig withRedis(String url) {
        return new HeraldConfig(host, port, heartbeatInterval, retry, historySize, historyAge, bufferLimitBytes, bodyLimitBytes, url, redisMode);
    }

    public HeraldConfig withRedisMode(RedisMode mode) {
        return new HeraldConfig(host, port, heartbeatInterval, retry, historySize, historyAge, bufferLimitBytes, bodyLimitBytes, redisUrl, mode);
    }

    /** The Redis URL without its password, for logs. */
    public String redisUrlForDisplay() {
        return redisUrl == null ? null : redisUrl.replaceAll("//[^@/]*@", "//");
    }
}
