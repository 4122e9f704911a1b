package dev.herald.vertx;

import dev.herald.publish.Publisher;
import dev.herald.serve.PublishOutcome;
import dev.herald.serve.PublishService;
import dev.herald.serve.Refused;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/** Answers a publish request from its outcome, on the request's context. */
public final class Publishing {

    private Publishing() {
    }

    /**
     * For routes of the application's own that publish through {@link Publisher#publish}: replies 200 with
     * {@code success(id)} once the broker accepted the event, else as {@link PublishService#outcome} says (400, 503).
     */
    public static void reply(RoutingContext ctx, CompletionStage<String> published, Function<String, Map<String, ?>> success) {
        render(ctx, published.handle(PublishService::outcome), done -> success.apply(done.id()));
    }

    /** Renders the outcome of {@link PublishService#publish}. */
    static void render(RoutingContext ctx, CompletionStage<PublishOutcome> outcome) {
        render(ctx, outcome, PublishOutcome.Published::body);
    }

    private static void render(RoutingContext ctx, CompletionStage<PublishOutcome> outcome,
                               Function<PublishOutcome.Published, Map<String, ?>> success) {
        onContext(ctx, outcome, done -> done.render(new PublishOutcome.Renderer<Void>() {
            @Override
            public Void refused(Refused refused) {
                JsonHttp.send(ctx, refused);
                return null;
            }

            @Override
            public Void published(PublishOutcome.Published published) {
                if (published.replayed()) {
                    ctx.response().putHeader(PublishOutcome.Published.REPLAYED_HEADER, "true");
                }
                JsonHttp.send(ctx, 200, success.apply(published));
                return null;
            }

            @Override
            public Void batchPublished(PublishOutcome.BatchPublished batch) {
                batch.headers().forEach(ctx.response()::putHeader);
                JsonHttp.send(ctx, batch.status(), batch.body());
                return null;
            }
        }));
    }

    /**
     * Runs {@code answer} on the request's context once {@code outcome} is known. One known at once (the memory
     * broker's) is answered at once, ahead of the fan-out the event queued on this loop: the publisher learns sooner
     * that it may send the next one, and the events that come in meanwhile are written to the subscribers together.
     */
    private static void onContext(RoutingContext ctx, CompletionStage<PublishOutcome> outcome,
                                  Consumer<PublishOutcome> answer) {
        Context requestContext = ctx.vertx().getOrCreateContext();
        outcome.whenComplete((done, error) -> {
            PublishOutcome result = error == null ? done : PublishService.outcome(null, error);
            if (Vertx.currentContext() == requestContext) {
                answer.accept(result);
            } else {
                requestContext.runOnContext(ignored -> answer.accept(result));
            }
        });
    }
}
