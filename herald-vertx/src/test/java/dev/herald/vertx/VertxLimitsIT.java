package dev.herald.vertx;

import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.LimitsContract;
import dev.herald.testing.StreamRoutesContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared limits contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxLimitsIT extends LimitsContract {

    private static Vertx vertx;
    private static Herald herald;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        herald = Herald.builder()
                .hub(new HubOptions(StreamRoutesContract.HEARTBEAT, Duration.ofSeconds(3)))
                .limits(new LimitsOptions(MAX_STREAMS, MAX_STREAMS_PER_CLIENT, PUBLISH_RATE))
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
    protected int streamsOpen() {
        return herald.limits().streamsOpen();
    }
}
