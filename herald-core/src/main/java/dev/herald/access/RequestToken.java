package dev.herald.access;

import java.util.Locale;

/**
 * Where a request carries its token, looked for in this order: {@code Authorization: Bearer} (RFC 6750, 2.1), the
 * HttpOnly cookie {@value #COOKIE} (what a browser's EventSource and the page's fetch send), and, where allowed,
 * the query parameter {@value #QUERY_PARAM} (RFC 6750, 2.3).
 *
 * @param token  the token's text
 * @param source where it was found
 */
public record RequestToken(String token, Source source) {

    public static final String COOKIE = "herald_token";
    public static final String QUERY_PARAM = "access_token";
    private static final String BEARER = "bearer ";

    public enum Source { AUTHORIZATION, COOKIE, QUERY }

    /**
     * The request's token, or null when it brings none.
     *
     * @param credentials what the request carries, as its HTTP adapter read it
     * @param queryAllowed whether the query parameter counts
     */
    public static RequestToken of(RequestCredentials credentials, boolean queryAllowed) {
        String authorization = credentials.authorization();
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            String token = authorization.substring(BEARER.length()).trim();
            if (!token.isEmpty()) {
                return new RequestToken(token, Source.AUTHORIZATION);
            }
        }
        String cookie = credentials.cookie();
        if (cookie != null && !cookie.isEmpty()) {
            return new RequestToken(cookie, Source.COOKIE);
        }
        if (queryAllowed) {
            String token = credentials.queryToken();
            if (token != null && !token.isEmpty()) {
                return new RequestToken(token, Source.QUERY);
            }
        }
        return null;
    }
}
