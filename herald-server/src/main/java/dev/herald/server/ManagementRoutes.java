package dev.herald.server;

import dev.herald.vertx.Herald;
import dev.herald.vertx.JsonHttp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code GET /health} (the process answers), {@code GET /ready} (the broker can serve: 503 while its Redis connection
 * is lost) and {@code GET <metrics-path>} (the Prometheus text format 0.0.4).
 */
final class ManagementRoutes {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ManagementRoutes() {
    }

    /**
     * Mounts the three routes; {@code metricsGate} runs before the metrics (a token check, or one that lets everyone
     * through).
     */
    static void mount(Router router, Herald herald, PrometheusMeterRegistry registry, String metricsPath,
                      Handler<RoutingContext> metricsGate) {
        router.get(ManagementOptions.HEALTH_PATH).handler(ctx -> JsonHttp.send(ctx, 200, Map.of("status", "UP")));
        router.get(ManagementOptions.READY_PATH).handler(ctx -> {
            if (herald.brokerConnected()) {
                JsonHttp.send(ctx, 200, Map.of("status", "UP"));
            } else {
                JsonHttp.send(ctx, 503, Map.of("status", "DOWN", "broker", "redis unreachable"));
            }
        });
        router.get(metricsPath).handler(metricsGate).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                .end(registry.scrape()));
    }
}
