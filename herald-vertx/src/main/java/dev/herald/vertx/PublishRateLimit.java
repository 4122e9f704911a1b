package dev.herald.vertx;

import dev.herald.serve.PublishService;
import dev.herald.serve.Refused;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses with 429 and {@code Retry-After} a publish request from a client address over its rate
 * ({@link PublishService#admit}), before its body is read. One per {@link Herald}: every publish route that uses it,
 * {@code POST publish} and an application's own, draws on the same budget per address.
 */
final class PublishRateLimit implements Handler<RoutingContext> {

    private final PublishService publishing;

    PublishRateLimit(PublishService publishing) {
        this.publishing = publishing;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Refused refused = publishing.admit(new VertxRequest(ctx));
        if (refused == null) {
            ctx.next();
        } else {
            JsonHttp.send(ctx, refused);
        }
    }
}
