package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The contract of one event on several channels on the server in the memory broker. */
class MemoryPublishChannelsIT extends PublishChannelsOnServer {

    @Override
    boolean needsRedis() {
        return false;
    }

    @Override
    BrokerOptions broker(RedisServerProcess redis) {
        return BrokerOptions.memory();
    }
}
