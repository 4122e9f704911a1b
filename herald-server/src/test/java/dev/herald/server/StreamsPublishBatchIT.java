package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The batch publish contract on the server in Redis Streams mode. */
class StreamsPublishBatchIT extends PublishBatchOnServer {

    @Override
    boolean needsRedis() {
        return true;
    }

    @Override
    BrokerOptions broker(RedisServerProcess redis) {
        return new BrokerOptions.RedisStreams(redis.url(), 1000);
    }
}
