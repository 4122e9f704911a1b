package dev.herald.vertx;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.publish.PublishFailure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Answers a publish request from the outcome of {@link dev.herald.publish.Publisher#publish}. */
public final class Publishing {

    private static final System.Logger LOG = System.getLogger(Publishing.class.getName());

    private Publishing() {
    }

    /**
     * Replies 200 with {@code success(id)} once the broker accepted the event, 400 for an event or channel the
     * publisher refused, 503 when the broker could not take it.
     *
     * <p>An outcome known at once (the memory broker's) is answered at once, ahead of the fan-out the event
     * queued on this loop: the publisher learns sooner that it may send the next one, and the events that come
     * in meanwhile are written to the subscribers together.
     */
    public static void reply(RoutingContext ctx, CompletionStage<String> published, Function<String, Map<String, ?>> success) {
        Context requestContext = ctx.vertx().getOrCreateContext();
        published.whenComplete((id, error) -> {
            if (Vertx.currentContext() == requestContext) {
                answer(ctx, id, error, success);
            } else {
                requestContext.runOnContext(ignored -> answer(ctx, id, error, success));
            }
        });
    }

    private static void answer(RoutingContext ctx, String id, Throwable error, Function<String, Map<String, ?>> success) {
        if (error == null) {
            JsonHttp.send(ctx, 200, success.apply(id));
            return;
        }
        PublishFailure failure = PublishFailure.of(error);
        if (failure.cause() instanceof BrokerUnavailableException) {
            LOG.log(System.Logger.Level.WARNING, "publish refused with 503: " + failure.cause().getMessage());
        } else if (!failure.refused()) {
            LOG.log(System.Logger.Level.WARNING, "publish failed", failure.cause());
        }
        JsonHttp.sendError(ctx, failure.status(), failure.message());
    }
}
