package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.testing.PublishBatchContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The batch publish contract on the server with one broker ({@code MemoryPublishBatchIT}, {@code PubSubPublishBatchIT},
 * {@code StreamsPublishBatchIT}): a batch is published item after item through the broker's own publish, so each
 * mode must keep the order and ids the contract asks for. A Redis mode runs on a private redis-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PublishBatchOnServer extends PublishBatchContract {

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
