package dev.herald.server;

import dev.herald.vertx.HeraldStats;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** A Herald server on a free loopback port for one test class. */
final class RunningServer implements AutoCloseable {

    private final HeraldServer server;
    private final String scheme;

    private RunningServer(HeraldServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
    }

    /** Starts on 127.0.0.1, port 0, with the given settings. */
    static RunningServer start(HeraldConfig config) {
        try {
            return new RunningServer(HeraldServer.start(config.withPort(0))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS), config.protocols().scheme());
        } catch (Exception e) {
            throw new AssertionError("Herald did not start", e);
        }
    }

    /** Starts with the defaults. */
    static RunningServer start() {
        return start(HeraldConfig.defaults());
    }

    URI uri(String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HeraldServer server() {
        return server;
    }

    /** The running Herald's counters. */
    HeraldStats stats() {
        return server.herald().stats();
    }

    @Override
    public void close() {
        try {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Herald did not stop", e);
        }
    }
}
