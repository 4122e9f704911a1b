package dev.herald.vertx;

import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.StreamRoutesContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared stream contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxStreamRoutesIT extends StreamRoutesContract {

    private static Vertx vertx;
    private static Herald herald;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        herald = Herald.builder()
                .broker(new BrokerOptions.Memory(new HistoryPolicy(HISTORY_SIZE, Duration.ofHours(1))))
                .hub(new HubOptions(HEARTBEAT, Duration.ofMillis(RETRY_MILLIS)))
                .routes(new SseRoutesOptions(BUFFER_LIMIT_BYTES, 64 * 1024, 64))
                // Every request of the suite comes from 127.0.0.1: no per-address limit may refuse one.
                .limits(new LimitsOptions(10_000, 10_000, 100_000))
                .build(vertx).toCompletionStage().toCompletableFuture().get();
        Router app = Router.router(vertx);
        app.route("/events/*").subRouter(herald.router());
        server = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void stop() throws Exception {
        herald.close().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/events");
    }

    @Override
    protected long subscribersDropped() {
        return herald.stats().subscribersDropped();
    }
}
