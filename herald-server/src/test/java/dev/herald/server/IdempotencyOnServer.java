package dev.herald.server;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.testing.IdempotencyContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The idempotent publish contract on the server with one broker ({@code MemoryIdempotencyIT},
 * {@code PubSubIdempotencyIT}, {@code StreamsIdempotencyIT}). A Redis mode runs two servers on one private
 * redis-server, so that a repeat sent to the second must find the key the first stored in Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdempotencyOnServer extends IdempotencyContract {

    private RedisServerProcess redis;
    private RunningServer server;
    private RunningServer other;

    /** Whether this mode needs a redis-server. */
    abstract boolean needsRedis();

    /** The broker of this mode; {@code redis} is null when {@link #needsRedis()} is false. */
    abstract BrokerOptions broker(RedisServerProcess redis);

    @BeforeAll
    void start() {
        redis = needsRedis() ? RedisServerProcess.start() : null;
        server = RunningServer.start(HeraldConfig.defaults().withBroker(broker(redis)));
        other = needsRedis() ? RunningServer.start(HeraldConfig.defaults().withBroker(broker(redis))) : null;
    }

    @AfterAll
    void stop() {
        if (other != null) {
            other.close();
        }
        server.close();
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected URI base() {
        return server.uri("");
    }

    @Override
    protected URI otherNode() {
        return other != null ? other.uri("") : base();
    }
}
