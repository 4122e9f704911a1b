package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The idempotent publish contract on the server in the memory broker. */
class MemoryIdempotencyIT extends IdempotencyOnServer {

    @Override
    boolean needsRedis() {
        return false;
    }

    @Override
    BrokerOptions broker(RedisServerProcess redis) {
        return BrokerOptions.memory();
    }
}
