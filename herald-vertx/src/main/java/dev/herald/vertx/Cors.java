package dev.herald.vertx;

import dev.herald.request.StreamRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;

/** The CORS policy of {@link CorsOptions} as a route handler, over Vert.x Web's {@link CorsHandler}. */
final class Cors {

    /** How long a browser may reuse a preflight's answer, so that a page publishing often does not double its requests. */
    static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private Cors() {
    }

    /**
     * Answers a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an allowed origin with 204
     * and the allowed methods and headers, and adds {@code Access-Control-Allow-Origin} to the answers to allowed
     * origins. Any other request passes on without CORS headers: Vert.x would fail it with 403, but a page of the same
     * origin sends an {@code Origin} with its POSTs too and must be served, and a browser keeps an answer without the
     * headers from the other origin's page anyway. Without allowed origins, every request passes on.
     */
    static Handler<RoutingContext> handler(CorsOptions options) {
        if (!options.enabled()) {
            return RoutingContext::next;
        }
        CorsHandler cors = CorsHandler.create()
                .allowedMethod(HttpMethod.POST)
                .allowedMethod(HttpMethod.GET)
                .allowedHeader("Content-Type")
                .allowedHeader("Authorization")
                .allowedHeader(StreamRequest.LAST_EVENT_ID_HEADER)
                // a page of another origin reads when it may publish again
                .exposedHeader("Retry-After")
                .maxAgeSeconds(PREFLIGHT_MAX_AGE_SECONDS)
                .allowCredentials(!options.anyOrigin());
        if (options.anyOrigin()) {
            cors.addOrigin(CorsOptions.ANY);
        } else {
            cors.addOrigins(options.origins());
        }
        return ctx -> {
            String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
            if (origin == null || options.allows(origin)) {
                cors.handle(ctx);
            } else {
                ctx.next();
            }
        };
    }
}
