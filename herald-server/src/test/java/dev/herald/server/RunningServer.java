package dev.herald.server;

import dev.herald.hub.HubOptions;
import dev.herald.vertx.HeraldStats;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A Herald server on a free loopback port for one test class. */
final class RunningServer implements AutoCloseable {

    private final HeraldServer server;
    private final String scheme;

    private RunningServer(HeraldServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
    }

    /**
     * Starts on 127.0.0.1, port 0, with the given settings. A test that leaves the drain time at its default gets none:
     * its stop ends what streams are left at once, as the test is not about the stop (a drain of 10 s would only slow
     * it); a test that sets a drain time keeps it.
     */
    static RunningServer start(HeraldConfig config) {
        HeraldConfig forTheTest = config.hub().drainTime().equals(HubOptions.DRAIN_TIME.defaultValue())
                ? config.withHub(config.hub().withDrainTime(Duration.ZERO)) : config;
        try {
            return new RunningServer(HeraldServer.start(forTheTest.withPort(0))
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
