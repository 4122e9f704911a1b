package dev.herald.server;

import dev.herald.broker.HistoryPolicy;
import dev.herald.redis.BrokerOptions;

/** The two ways Herald uses one Redis, as the ITs that run a node in each (an {@code @EnumSource}) name them. */
enum RedisMode {
    PUBSUB, STREAMS;

    /** The length a Streams-mode stream is capped at unless a test says otherwise. */
    static final int STREAMS_LENGTH = 1000;

    /** This mode's broker on the Redis at {@code url}. */
    BrokerOptions options(String url) {
        return options(url, STREAMS_LENGTH);
    }

    /** This mode's broker on the Redis at {@code url}, a Streams-mode stream capped at {@code streamsLength}. */
    BrokerOptions options(String url, int streamsLength) {
        return this == STREAMS ? new BrokerOptions.RedisStreams(url, streamsLength)
                : new BrokerOptions.RedisPubSub(url, HistoryPolicy.defaults());
    }

    /** The value of {@code --redis-mode}. */
    String flag() {
        return name().toLowerCase();
    }

    /** The broker's kind, as a node's status names it. */
    String kind() {
        return this == STREAMS ? "redis-streams" : "redis-pubsub";
    }
}
