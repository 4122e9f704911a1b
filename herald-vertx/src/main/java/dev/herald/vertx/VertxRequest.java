package dev.herald.vertx;

import dev.herald.serve.ServerRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** A Vert.x request's parts, as the serving core reads them; the client address is {@link ClientAddress}'s. */
final class VertxRequest implements ServerRequest {

    private final RoutingContext ctx;
    private final HttpServerRequest request;

    VertxRequest(RoutingContext ctx) {
        this.ctx = ctx;
        this.request = ctx.request();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String rawQuery() {
        return request.query();
    }

    @Override
    public String cookie(String name) {
        Cookie cookie = request.getCookie(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public String clientAddress() {
        return ClientAddress.of(request);
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public String host() {
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null && request.authority() != null) {
            host = request.authority().toString();
        }
        return host;
    }

    @Override
    public boolean clientGone() {
        return ctx.response().closed();
    }
}
