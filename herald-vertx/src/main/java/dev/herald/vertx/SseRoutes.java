package dev.herald.vertx;

import dev.herald.hub.Hub;
import dev.herald.publish.Publisher;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Herald's HTTP endpoints as one {@link Router}, the Java counterpart of flask-sse's Blueprint:
 * <ul>
 *   <li>{@code GET /stream}: the event stream ({@code ?channel=} repeatable, {@code Last-Event-ID} to resume);</li>
 *   <li>{@code POST /publish}: {@code {"channel", "type", "data", "id"?, "retry"?}} → {@code {"status":"success","id"}}.</li>
 * </ul>
 * Mount it where you like, in one line: {@code app.route("/events/*").subRouter(SseRoutes.router(...))}
 * serves {@code /events/stream} and {@code /events/publish}.
 */
public final class SseRoutes {

    private SseRoutes() {
    }

    /** The router, open to every publisher and stream; errors are answered as JSON with the proper 4xx status. */
    public static Router router(Vertx vertx, Hub hub, Publisher publisher, SseRoutesOptions options) {
        return router(vertx, hub, publisher, options, new TokenAccess(AccessOptions.open()));
    }

    /** The router, with publishers and private channels checked by {@code access}. */
    static Router router(Vertx vertx, Hub hub, Publisher publisher, SseRoutesOptions options, TokenAccess access) {
        Router router = Router.router(vertx);
        var onFailure = JsonHttp.failureHandler(options.bodyLimitBytes());
        router.get("/stream").handler(new StreamHandler(vertx, hub, options, access)).failureHandler(onFailure);
        router.route("/stream").handler(JsonHttp.methodNotAllowed("GET"));
        router.post("/publish")
                .handler(JsonHttp.bodyHandler(options.bodyLimitBytes()))
                .handler(access.publisherGate())
                .handler(new PublishHandler(publisher))
                .failureHandler(onFailure);
        router.route("/publish").handler(JsonHttp.methodNotAllowed("POST"));
        return router;
    }
}
