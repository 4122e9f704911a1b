package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The idempotent publish contract on the server in Redis Streams mode. */
class StreamsIdempotencyIT extends IdempotencyOnServer {

    @Override
    boolean needsRedis() {
        return true;
    }

    @Override
    BrokerOptions broker(RedisServerProcess redis) {
        return new BrokerOptions.RedisStreams(redis.url(), 1000);
    }
}
