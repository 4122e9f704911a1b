package dev.herald.vertx;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Where a request carries its token, looked for in this order: {@code Authorization: Bearer} (RFC 6750, 2.1), the
 * HttpOnly cookie {@value #COOKIE} (what a browser's EventSource and the page's fetch send), and, where allowed,
 * the query parameter {@value #QUERY_PARAM} (RFC 6750, 2.3).
 *
 * @param token  the token's text
 * @param source where it was found
 */
record RequestToken(String token, Source source) {

    static final String COOKIE = "herald_token";
    static final String QUERY_PARAM = "access_token";
    private static final String BEARER = "bearer ";

    enum Source { AUTHORIZATION, COOKIE, QUERY }

    /** The request's token, or null when it brings none. */
    static RequestToken of(HttpServerRequest request, boolean queryAllowed) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            String token = authorization.substring(BEARER.length()).trim();
            if (!token.isEmpty()) {
                return new RequestToken(token, Source.AUTHORIZATION);
            }
        }
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null && !cookie.getValue().isEmpty()) {
            return new RequestToken(cookie.getValue(), Source.COOKIE);
        }
        if (queryAllowed) {
            String token = request.getParam(QUERY_PARAM);
            if (token != null && !token.isEmpty()) {
                return new RequestToken(token, Source.QUERY);
            }
        }
        return null;
    }
}
