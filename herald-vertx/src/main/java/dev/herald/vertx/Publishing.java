package dev.herald.vertx;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.InvalidChannelException;
import dev.herald.sse.InvalidEventException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletionException;
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
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            JsonHttp.send(ctx, 200, success.apply(id));
        } else if (cause instanceof InvalidEventException || cause instanceof InvalidChannelException) {
            JsonHttp.sendError(ctx, 400, cause.getMessage());
        } else if (cause instanceof BrokerUnavailableException) {
            LOG.log(System.Logger.Level.WARNING, "publish refused with 503: " + cause.getMessage());
            JsonHttp.sendError(ctx, 503, "The event could not be published right now; try again");
        } else {
            LOG.log(System.Logger.Level.WARNING, "publish failed", cause);
            JsonHttp.sendError(ctx, 503, "The event could not be published right now; try again");
        }
    }
}
