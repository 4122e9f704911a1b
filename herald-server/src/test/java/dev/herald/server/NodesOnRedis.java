package dev.herald.server;

import dev.herald.redis.testing.RedisServerProcess;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of the scale-out ITs, written once: a private {@code redis-server} for each test, started before it and
 * closed after it (after the nodes the test closed itself), Herald nodes on it in either {@link RedisMode}, and a
 * plain client for the test's own commands ({@link #client}), made on first use and closed with the server.
 *
 * <pre>{@code @RegisterExtension final NodesOnRedis redis = new NodesOnRedis();}</pre>
 */
final class NodesOnRedis implements BeforeEachCallback, AfterEachCallback {

    private RedisServerProcess server;
    private Vertx vertx;
    private Redis raw;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = RedisServerProcess.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (raw != null) {
            raw.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            raw = null;
            vertx = null;
        }
        server.close();
    }

    /** A plain client of the test's redis-server, for the test's own commands; made on first use. */
    Redis client() {
        if (raw == null) {
            vertx = Vertx.vertx();
            raw = Redis.createClient(vertx, server.url());
        }
        return raw;
    }

    /** The test's redis-server, to stop and start again. */
    RedisServerProcess server() {
        return server;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    String url() {
        return server.url();
    }

    /** A started node in {@code mode} on this Redis; {@code config} adds the test's own options to the defaults. */
    RunningServer node(RedisMode mode, UnaryOperator<HeraldConfig> config) {
        return node(mode, RedisMode.STREAMS_LENGTH, config);
    }

    /** A started node as {@link #node(RedisMode, UnaryOperator)} starts one, its Streams capped at {@code streamsLength}. */
    RunningServer node(RedisMode mode, int streamsLength, UnaryOperator<HeraldConfig> config) {
        return RunningServer.start(config.apply(HeraldConfig.defaults().withBroker(mode.options(url(), streamsLength))));
    }
}
