package dev.herald.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.util.function.Consumer;

/**
 * An application of the tests' own on loopback: Herald built from {@code builder}, its routes mounted under
 * {@code /events} of the application's router, beside whatever routes {@code more} adds.
 */
final class MountedHerald {

    final Vertx vertx;
    final Herald herald;
    private final HttpServer server;

    private MountedHerald(Vertx vertx, Herald herald, HttpServer server) {
        this.vertx = vertx;
        this.herald = herald;
        this.server = server;
    }

    static MountedHerald start(Herald.Builder builder) throws Exception {
        return start(builder, app -> { });
    }

    static MountedHerald start(Herald.Builder builder, Consumer<Router> more) throws Exception {
        Vertx vertx = Vertx.vertx();
        Herald herald = builder.build(vertx).toCompletionStage().toCompletableFuture().get();
        Router app = Router.router(vertx);
        more.accept(app);
        app.route("/events/*").subRouter(herald.router());
        HttpServer server = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1")
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

    /** Closes Herald, then the application's Vert.x. */
    void stop() throws Exception {
        herald.close().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
