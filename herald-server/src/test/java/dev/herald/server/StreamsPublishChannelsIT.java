package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The contract of one event on several channels on the server in Redis Streams mode. */
class StreamsPublishChannelsIT extends PublishChannelsOnServer {

    @Override
    boolean needsRedis() {
        return true;
    }

    @Override
    BrokerOptions broker(RedisServerProcess redis) {
        return new BrokerOptions.RedisStreams(redis.url(), 1000);
    }
}
