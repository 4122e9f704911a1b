package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.testing.PublishChannelsContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of one event on several channels on the server with one broker ({@code MemoryPublishChannelsIT},
 * {@code PubSubPublishChannelsIT}, {@code StreamsPublishChannelsIT}): each broker gives the event one id and one
 * sequence its own way. A Redis mode runs on a private redis-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PublishChannelsOnServer extends PublishChannelsContract {

    private RedisServerProcess redis;
    private RunningServer server;

    /** Whether this mode needs a redis-server. */
    abstract boolean needsRedis();

    /** The broker of this mode; {@code redis} is null when {@link #needsRedis()} is false. */
    abstract BrokerOptions broker(RedisServerProcess redis);

    @BeforeAll
    void start() {
        redis = needsRedis() ? RedisServerProcess.start() : null;
        server = RunningServer.start(HeraldConfig.defaults().withBroker(broker(redis)));
    }

    @AfterAll
    void stop() {
        server.close();
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected URI base() {
        return server.uri("");
    }
}
