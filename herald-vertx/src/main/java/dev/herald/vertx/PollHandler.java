package dev.herald.vertx;

import dev.herald.serve.PollOutcome;
import dev.herald.serve.PollResponse;
import dev.herald.serve.PollService;
import dev.herald.serve.Refused;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Executor;

/**
 * {@code GET .../poll}: reads the request for {@link PollService} and renders its outcome; the answer is written on
 * this request's loop when the service gives it.
 */
final class PollHandler implements Handler<RoutingContext> {

    private final PollService polls;

    PollHandler(PollService polls) {
        this.polls = polls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        PollOutcome outcome = polls.poll(new VertxRequest(ctx), () -> new Answer(ctx.vertx().getOrCreateContext(), ctx.response()));
        outcome.render(new PollOutcome.Renderer<Void>() {
            @Override
            public Void refused(Refused refused) {
                JsonHttp.send(ctx, refused);
                return null;
            }

            @Override
            public Void polling(PollOutcome.Polling polling) {
                // Called on this loop when the answer is written or the connection closes (the client left mid-wait).
                ctx.addEndHandler(ended -> polling.lease().end());
                return null;
            }

            @Override
            public Void clientGone() {
                return null;
            }
        });
    }

    /** A poll's answer on a Vert.x response, written on the request's context. */
    private static final class Answer implements PollResponse {
        private final HttpServerResponse response;
        private final Executor executor;

        Answer(Context context, HttpServerResponse response) {
            this.response = response;
            this.executor = task -> context.runOnContext(ignored -> task.run());
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void answer(byte[] json) {
            if (!response.ended() && !response.closed()) {
                HEADERS.forEach(response::putHeader);
                response.setStatusCode(200).end(Buffer.buffer(json));
            }
        }
    }
}
