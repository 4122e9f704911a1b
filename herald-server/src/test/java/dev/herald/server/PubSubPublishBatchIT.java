package dev.herald.server;

import dev.herald.broker.HistoryPolicy;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The batch publish contract on the server in Redis Pub/Sub mode. */
class PubSubPublishBatchIT extends PublishBatchOnServer {

    @Override
    boolean needsRedis() {
        return true;
    }

    @Override
    BrokerOptions broker(RedisServerProcess redis) {
        return new BrokerOptions.RedisPubSub(redis.url(), HistoryPolicy.defaults());
    }
}
