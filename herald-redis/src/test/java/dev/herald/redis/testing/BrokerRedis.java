package dev.herald.redis.testing;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of a broker IT on one private {@code redis-server}, written once: the server ({@link RedisServerProcess}),
 * the Vert.x the brokers run on and a plain client for what a test sends Redis itself ({@link #raw}), started before
 * the class's first test and closed after its last (the client, Vert.x, then the server); and the other nodes a test
 * starts ({@link #node}), closed after that test, once the contract closed its own broker.
 *
 * <pre>{@code @RegisterExtension static final BrokerRedis REDIS = new BrokerRedis();}</pre>
 */
public final class BrokerRedis implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private static final long CLOSE_SECONDS = 10;

    private RedisServerProcess server;
    private Vertx vertx;
    private Redis raw;
    private final List<AutoCloseable> nodes = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.start();
        vertx = Vertx.vertx();
        raw = Redis.createClient(vertx, server.url());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable node : nodes) {
            node.close();
        }
        nodes.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        raw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_SECONDS, TimeUnit.SECONDS);
        server.close();
    }

    /** The redis-server, to stop and start again. */
    public RedisServerProcess server() {
        return server;
    }

    /** Empties Redis ({@code FLUSHALL}), so that each test's broker starts from nothing. */
    public void flushAll() {
        send(Request.cmd(Command.FLUSHALL));
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return server.url();
    }

    /** The Vert.x the brokers of the class run on. */
    public Vertx vertx() {
        return vertx;
    }

    /** Sends one request through {@link #raw} and waits for its answer. */
    public Response send(Request request) {
        return raw.send(request).toCompletionStage().toCompletableFuture()
                .orTimeout(CLOSE_SECONDS, TimeUnit.SECONDS).join();
    }

    /** A plain client of the server, for what a test sends Redis itself. */
    public Redis raw() {
        return raw;
    }

    /** Another node of the test, closed after it. */
    public <B extends AutoCloseable> B node(B node) {
        nodes.add(node);
        return node;
    }
}
