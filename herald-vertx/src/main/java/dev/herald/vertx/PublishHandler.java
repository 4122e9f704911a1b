package dev.herald.vertx;

import dev.herald.serve.PublishService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST .../publish}: hands the request and its body (read, within the limit, by the route's body handler) to
 * {@link PublishService} and renders the outcome on this request's context.
 */
final class PublishHandler implements Handler<RoutingContext> {

    private final PublishService publishing;

    PublishHandler(PublishService publishing) {
        this.publishing = publishing;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Publishing.render(ctx, publishing.publish(new VertxRequest(ctx), JsonHttp.rawBody(ctx)));
    }
}
