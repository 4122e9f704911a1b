package dev.herald.vertx;

import dev.herald.serve.PublishService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST .../publish/batch}: hands the request and its body (read, within the limit, by the route's body handler)
 * to {@link PublishService#publishBatch} and renders the outcome on this request's context.
 */
final class PublishBatchHandler implements Handler<RoutingContext> {

    private final PublishService publishing;

    PublishBatchHandler(PublishService publishing) {
        this.publishing = publishing;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Publishing.render(ctx, publishing.publishBatch(new VertxRequest(ctx), JsonHttp.rawBody(ctx)));
    }
}
