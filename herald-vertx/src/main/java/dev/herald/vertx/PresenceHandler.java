package dev.herald.vertx;

import dev.herald.serve.PresenceOutcome;
import dev.herald.serve.PresenceService;
import dev.herald.serve.Refused;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** {@code GET .../presence}: hands the request to {@link PresenceService} and renders its outcome as JSON. */
final class PresenceHandler implements Handler<RoutingContext> {

    private final PresenceService presence;

    PresenceHandler(PresenceService presence) {
        this.presence = presence;
    }

    @Override
    public void handle(RoutingContext ctx) {
        presence.answer(new VertxRequest(ctx)).render(new PresenceOutcome.Renderer<Void>() {
            @Override
            public Void refused(Refused refused) {
                JsonHttp.send(ctx, refused);
                return null;
            }

            @Override
            public Void present(PresenceOutcome.Present present) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, Refused.JSON_CONTENT_TYPE)
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(Buffer.buffer(present.count().json()));
                return null;
            }
        });
    }
}
