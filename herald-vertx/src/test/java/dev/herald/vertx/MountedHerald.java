package dev.herald.vertx;

import dev.herald.broker.BrokerFactory;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.PollRoutesContract;
import dev.herald.testing.StreamRoutesContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * An application of the tests' own on loopback: Herald built from {@code builder}, its routes mounted under
 * {@code /events} of the application's router, beside whatever routes {@code more} adds. Closing it closes Herald, then
 * the application's Vert.x, so that a test may hold one in a try-with-resources.
 */
final class MountedHerald implements AutoCloseable {

    final Vertx vertx;
    final Herald herald;
    private final HttpServer server;

    private MountedHerald(Vertx vertx, Herald herald, HttpServer server) {
        this.vertx = vertx;
        this.herald = herald;
        this.server = server;
    }

    /**
     * The server of the routes' contracts ({@code StreamRoutesContract}, {@code PollRoutesContract}): their options, and
     * per-address limits that no request of theirs, all from 127.0.0.1, reaches.
     */
    static MountedHerald startForRouteContracts() throws Exception {
        return start(Herald.builder()
                .broker(BrokerFactory.memory(new HistoryPolicy(StreamRoutesContract.HISTORY_SIZE, Duration.ofHours(1))))
                .hub(new HubOptions(StreamRoutesContract.HEARTBEAT, Duration.ofMillis(StreamRoutesContract.RETRY_MILLIS)))
                .routes(new SseRoutesOptions(StreamRoutesContract.BUFFER_LIMIT_BYTES, 64 * 1024, PollRoutesContract.MAX_CHANNELS))
                .limits(LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(10_000).publishRate(100_000).build()));
    }

    static MountedHerald start(Herald.Builder builder) throws Exception {
        return start(builder, app -> { });
    }

    static MountedHerald start(Herald.Builder builder, Consumer<Router> more) throws Exception {
        return start(builder, more, new HttpServerOptions());
    }

    /** As {@link #start(Herald.Builder, Consumer)}, on a server of {@code serverOptions} (a small send buffer, say). */
    static MountedHerald start(Herald.Builder builder, Consumer<Router> more, HttpServerOptions serverOptions)
            throws Exception {
        return start(builder, more, serverOptions, "127.0.0.1");
    }

    /** As {@link #start(Herald.Builder)}, listening on {@code host} ({@code 0.0.0.0}: every interface); reached on 127.0.0.1. */
    static MountedHerald startOn(String host, Herald.Builder builder) throws Exception {
        return start(builder, app -> { }, new HttpServerOptions(), host);
    }

    private static MountedHerald start(Herald.Builder builder, Consumer<Router> more, HttpServerOptions serverOptions,
                                       String host) throws Exception {
        Vertx vertx = Vertx.vertx();
        Herald herald = builder.build(vertx).toCompletionStage().toCompletableFuture().get();
        Router app = Router.router(vertx);
        more.accept(app);
        app.route("/events/*").subRouter(herald.router());
        HttpServer server = vertx.createHttpServer(serverOptions).requestHandler(app).listen(0, host)
                .toCompletionStage().toCompletableFuture().get();
        return new MountedHerald(vertx, herald, server);
    }

    /** The application's address of {@code path}, e.g. {@code /events/stream}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    /** Where Herald's routes are: {@code http://127.0.0.1:<port>/events}. */
    URI events() {
        return uri("/events");
    }

    /** The address of one of Herald's routes: {@code events("/stream?channel=a")} is {@code /events/stream?channel=a}. */
    URI events(String pathAndQuery) {
        return uri("/events" + pathAndQuery);
    }

    /** The running Herald's counters. */
    HeraldStats stats() {
        return herald.stats();
    }

    /** Closes Herald, then the application's Vert.x. */
    void stop() throws Exception {
        herald.close().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /**
     * Stops as vertx.md tells an application to: the server stops accepting and waits for its connections, while
     * Herald drains them; then Herald and Vert.x close.
     */
    void drainAndStop() throws Exception {
        long graceMillis = herald.hubOptions().drainTime().plusSeconds(5).toMillis();
        io.vertx.core.Future<Void> shutdown = server.shutdown(graceMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        herald.drain().toCompletableFuture().get();
        shutdown.toCompletionStage().toCompletableFuture().get();
        stop();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            throw new AssertionError("the application did not stop", e);
        }
    }
}
