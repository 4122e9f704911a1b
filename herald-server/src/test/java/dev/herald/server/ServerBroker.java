package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The three brokers a server contract suite runs on ({@code Memory*IT}, {@code PubSub*IT}, {@code Streams*IT}). */
enum ServerBroker {
    MEMORY, PUBSUB, STREAMS;

    /** Whether this broker needs a redis-server. */
    boolean needsRedis() {
        return this != MEMORY;
    }

    /** This broker's options; {@code redis} is null when {@link #needsRedis()} is false. */
    BrokerOptions options(RedisServerProcess redis) {
        return switch (this) {
            case MEMORY -> BrokerOptions.memory();
            case PUBSUB -> RedisMode.PUBSUB.options(redis.url());
            case STREAMS -> RedisMode.STREAMS.options(redis.url());
        };
    }
}
