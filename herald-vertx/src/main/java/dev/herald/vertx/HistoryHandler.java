package dev.herald.vertx;

import dev.herald.serve.HistoryOutcome;
import dev.herald.serve.HistoryService;
import dev.herald.serve.PollResponse;
import dev.herald.serve.Refused;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET .../history}: reads the request for {@link HistoryService} and renders its outcome on this request's
 * context once the broker has answered.
 */
final class HistoryHandler implements Handler<RoutingContext> {

    private final HistoryService history;

    HistoryHandler(HistoryService history) {
        this.history = history;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Context requestContext = ctx.vertx().getOrCreateContext();
        history.read(new VertxRequest(ctx)).thenAccept(outcome -> requestContext.runOnContext(ignored ->
                outcome.render(new HistoryOutcome.Renderer<Void>() {
                    @Override
                    public Void refused(Refused refused) {
                        JsonHttp.send(ctx, refused);
                        return null;
                    }

                    @Override
                    public Void page(HistoryOutcome.Page page) {
                        HttpServerResponse response = ctx.response();
                        PollResponse.HEADERS.forEach(response::putHeader);
                        response.setStatusCode(200).end(Buffer.buffer(page.json()));
                        return null;
                    }
                })));
    }
}
