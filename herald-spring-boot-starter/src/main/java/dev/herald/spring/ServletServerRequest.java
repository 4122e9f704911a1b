package dev.herald.spring;

import dev.herald.serve.ServerRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A servlet request's parts, as the serving core reads them. The peer address is
 * {@link HttpServletRequest#getRemoteAddr()}: the TCP peer's, unless the application has Spring apply a proxy's
 * forwarded headers ({@code server.forward-headers-strategy}); with {@code herald.trusted-proxies} instead, the core
 * reads them ({@link dev.herald.clients.ForwardedClient}). Use one or the other, never both. The query is handed over raw: the core decodes it
 * strictly, where Tomcat drops a parameter it cannot decode (so {@code ?channel=%ZZ} would become the default channel).
 */
final class ServletServerRequest implements ServerRequest {

    private final HttpServletRequest request;

    ServletServerRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public String rawQuery() {
        return request.getQueryString();
    }

    @Override
    public List<String> cookies(String name) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? List.of()
                : Arrays.stream(cookies).filter(cookie -> cookie.getName().equals(name)).map(Cookie::getValue).toList();
    }

    @Override
    public String peerAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public String scheme() {
        return request.getScheme();
    }

    @Override
    public String host() {
        return request.getHeader("Host");
    }
}
