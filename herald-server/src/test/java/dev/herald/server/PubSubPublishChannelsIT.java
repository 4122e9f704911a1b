package dev.herald.server;

import dev.herald.broker.HistoryPolicy;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;

/** The contract of one event on several channels on the server in Redis Pub/Sub mode. */
class PubSubPublishChannelsIT extends PublishChannelsOnServer {

    @Override
    boolean needsRedis() {
        return true;
    }

    @Override
    BrokerOptions broker(RedisServerProcess redis) {
        return new BrokerOptions.RedisPubSub(redis.url(), HistoryPolicy.defaults());
    }
}
