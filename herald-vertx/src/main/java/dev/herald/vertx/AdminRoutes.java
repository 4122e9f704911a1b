package dev.herald.vertx;

import dev.herald.serve.AdminAnswer;
import dev.herald.serve.AdminService;
import dev.herald.serve.Refused;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin's routes on Herald's router, below its prefix: {@code admin/<action>} for every method. Each reads the
 * request, asks the {@link AdminService} and renders its answer; the rules (who, which action, which method, the body)
 * are the service's.
 */
final class AdminRoutes {

    private AdminRoutes() {
    }

    static void mount(Router router, AdminService admin, int bodyLimitBytes) {
        router.route("/admin/:action")
                .handler(JsonHttp.bodyHandler(bodyLimitBytes))
                .handler(ctx -> {
                    Context requestContext = ctx.vertx().getOrCreateContext();
                    admin.serve(ctx.request().method().name(), ctx.pathParam("action"), new VertxRequest(ctx),
                            JsonHttp.rawBody(ctx)).whenComplete((answer, error) -> requestContext.runOnContext(ignored -> {
                                if (error != null) {
                                    ctx.fail(error);
                                } else {
                                    render(ctx, answer);
                                }
                            }));
                })
                .failureHandler(JsonHttp.failureHandler(bodyLimitBytes));
    }

    private static void render(RoutingContext ctx, AdminAnswer answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.putHeader(HttpHeaders.CONTENT_TYPE, Refused.JSON_CONTENT_TYPE).end(Buffer.buffer(answer.json()));
    }
}
