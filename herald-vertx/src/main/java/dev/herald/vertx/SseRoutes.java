package dev.herald.vertx;

import dev.herald.node.Node;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Herald's HTTP endpoints as one {@link Router}, the Java counterpart of flask-sse's Blueprint:
 * <ul>
 *   <li>{@code GET /stream}: the event stream ({@code ?channel=} repeatable, {@code Last-Event-ID} to resume);</li>
 *   <li>{@code GET /poll}: the same events as JSON, at once or, with {@code wait}, once there are some (long polling);</li>
 *   <li>{@code GET /presence?channel=}: {@code {"channel", "streams", "subjects"}} across every node.</li>
 *   <li>{@code GET /history?channel=<name>&limit=<n>&before=<id>}: a channel's retained events, newest first, without
 *       subscribing ({@link dev.herald.serve.HistoryService}).</li>
 *   <li>{@code POST /publish}: {@code {"channel", "type", "data", "id"?, "retry"?}} → {@code {"status":"success","id"}}.</li>
 *   <li>{@code POST /publish/batch}: an array of such bodies, all admitted before any is published →
 *       {@code {"status":"success","results":[{"status":"success","id"}, ...]}}.</li>
 * </ul>
 * {@link Herald#router()} makes one, to mount where you like, in one line:
 * {@code app.route("/events/*").subRouter(herald.router())} serves {@code /events/stream}, {@code /events/poll} and
 * {@code /events/publish}. Each route reads the request and renders what the node's service for it decided.
 */
final class SseRoutes {

    private SseRoutes() {
    }

    /**
     * The router; errors are answered as JSON with the proper 4xx status. {@code publishRate} and {@code cors} are the
     * Herald's own, shared by all its routers.
     */
    static Router router(Vertx vertx, Node node, Handler<RoutingContext> publishRate, Handler<RoutingContext> cors) {
        Router router = Router.router(vertx);
        int bodyLimit = node.publishing().bodyLimitBytes();
        var onFailure = JsonHttp.failureHandler(bodyLimit);
        router.route("/stream").handler(cors);
        router.get("/stream").handler(new StreamHandler(node.streams(), node.routesOptions().bufferLimitBytes()))
                .failureHandler(onFailure);
        router.route("/stream").handler(JsonHttp.methodNotAllowed("GET"));
        router.route("/poll").handler(cors);
        router.get("/poll").handler(new PollHandler(node.polls())).failureHandler(onFailure);
        router.route("/poll").handler(JsonHttp.methodNotAllowed("GET"));
        router.route("/presence").handler(cors);
        router.get("/presence").handler(new PresenceHandler(node.presence())).failureHandler(onFailure);
        router.route("/presence").handler(JsonHttp.methodNotAllowed("GET"));
        router.route("/history").handler(cors);
        router.get("/history").handler(new HistoryHandler(node.history())).failureHandler(onFailure);
        router.route("/history").handler(JsonHttp.methodNotAllowed("GET"));
        router.route("/publish").handler(cors);
        router.post("/publish").handler(publishRate); // a route of its own: Vert.x runs a body handler first on a route
        router.post("/publish")
                .handler(JsonHttp.bodyHandler(bodyLimit))
                .handler(new PublishHandler(node.publishing()))
                .failureHandler(onFailure);
        router.route("/publish").handler(JsonHttp.methodNotAllowed("POST"));
        router.route("/publish/batch").handler(cors);
        router.post("/publish/batch").handler(publishRate);
        router.post("/publish/batch")
                .handler(JsonHttp.bodyHandler(bodyLimit))
                .handler(new PublishBatchHandler(node.publishing()))
                .failureHandler(onFailure);
        router.route("/publish/batch").handler(JsonHttp.methodNotAllowed("POST"));
        return router;
    }
}
