package dev.herald.server;

import dev.herald.vertx.Herald;
import dev.herald.vertx.JsonHttp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /health} (the process answers), {@code GET /ready} (the broker can serve: 503 while its Redis connection
 * is lost, and while the node drains for its stop) and {@code GET <metrics-path>} (the Prometheus text format 0.0.4).
 */
final class ManagementRoutes {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ManagementRoutes() {
    }

    /** GET, and HEAD for probes that only look at the status (Vert.x sends a HEAD's headers without the body). */
    private static Route readOnly(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    /**
     * Mounts the three routes; {@code metricsGate} runs before the metrics (a token check, or one that lets everyone
     * through).
     */
    static void mount(Router router, Herald herald, PrometheusMeterRegistry registry, String metricsPath,
                      Handler<RoutingContext> metricsGate) {
        readOnly(router, ManagementOptions.HEALTH_PATH).handler(ctx -> JsonHttp.send(ctx, 200, Map.of("status", "UP")));
        readOnly(router, ManagementOptions.READY_PATH).handler(ctx -> {
            if (herald.draining()) {
                JsonHttp.send(ctx, 503, Map.of("status", "DOWN", "draining", true));
            } else if (herald.brokerConnected()) {
                JsonHttp.send(ctx, 200, Map.of("status", "UP"));
            } else {
                JsonHttp.send(ctx, 503, Map.of("status", "DOWN", "broker", "redis unreachable"));
            }
        });
        readOnly(router, metricsPath).handler(metricsGate).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                .end(registry.scrape()));
        for (String path : new String[] {ManagementOptions.HEALTH_PATH, ManagementOptions.READY_PATH, metricsPath}) {
            router.route(path).handler(JsonHttp.methodNotAllowed("GET, HEAD"));
        }
    }
}
