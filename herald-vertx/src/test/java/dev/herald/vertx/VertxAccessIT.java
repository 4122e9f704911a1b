package dev.herald.vertx;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.testing.AccessContract;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared access contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxAccessIT extends AccessContract {

    private static final TokenOptions TOKENS = TokenOptions.secret(SECRET);

    private static Vertx vertx;
    private static Herald herald;
    private static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        herald = Herald.builder()
                .access(AccessOptions.tokens(TOKENS).withPrivateChannels(ChannelPatterns.parse(PRIVATE_CHANNELS)))
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
    protected String token(List<String> publish, List<String> subscribe, Duration ttl) {
        return new TokenMinter(TOKENS).mint(publish, subscribe, ttl, Instant.now());
    }
}
