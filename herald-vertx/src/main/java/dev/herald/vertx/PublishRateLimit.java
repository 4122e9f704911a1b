package dev.herald.vertx;

import dev.herald.limits.Limits;
import dev.herald.limits.LimitsOptions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses with 429 and {@code Retry-After} a publish request from a client address over its rate
 * ({@link LimitsOptions#publishRate}), before its body is read. One per {@link Herald}: every publish route that uses
 * it, {@code POST publish} and an application's own, draws on the same budget per address.
 */
final class PublishRateLimit implements Handler<RoutingContext> {

    private final Limits limits;

    PublishRateLimit(Limits limits) {
        this.limits = limits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long retryAfterSeconds = limits.publishRetryAfterSeconds(ClientAddress.of(ctx.request()));
        if (retryAfterSeconds == 0) {
            ctx.next();
            return;
        }
        JsonHttp.tooManyRequests(ctx, retryAfterSeconds, limits.publishRateMessage(retryAfterSeconds));
    }
}
