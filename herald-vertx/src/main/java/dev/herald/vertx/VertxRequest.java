package dev.herald.vertx;

import dev.herald.serve.ServerRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A Vert.x request's parts, as the serving core reads them; the peer address is {@link ClientAddress}'s. Public for
 * what an application logs of a request (the server's access log), through the core's {@code ForwardedRequest}.
 */
public final class VertxRequest implements ServerRequest {

    private final RoutingContext ctx;
    private final HttpServerRequest request;

    public VertxRequest(RoutingContext ctx) {
        this.ctx = ctx;
        this.request = ctx.request();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public String rawQuery() {
        return request.query();
    }

    /**
     * Decoded from the {@code Cookie} headers here, with the decoder Vert.x uses: Vert.x's own {@code cookies(name)}
     * is a set that keeps one cookie of a name, so a repeated one would pass unseen.
     */
    @Override
    public List<String> cookies(String name) {
        return request.headers().getAll(HttpHeaders.COOKIE).stream()
                .flatMap(header -> ServerCookieDecoder.STRICT.decodeAll(header).stream())
                .filter(cookie -> cookie.name().equals(name))
                .map(Cookie::value)
                .toList();
    }

    @Override
    public String peerAddress() {
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
