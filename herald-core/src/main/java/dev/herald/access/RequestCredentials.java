package dev.herald.access;

/**
 * What a request carries that {@link AccessControl} reads, as plain values an HTTP adapter takes from its request (null
 * for what is absent).
 *
 * @param authorization the {@code Authorization} header
 * @param cookie        the value of the {@value RequestToken#COOKIE} cookie
 * @param queryToken    the query parameter {@value RequestToken#QUERY_PARAM}; read only where it is allowed
 * @param secFetchSite  the {@code Sec-Fetch-Site} header
 * @param origin        the {@code Origin} header
 * @param host          the {@code Host} header (HTTP/2's {@code :authority})
 * @param scheme        the request's scheme as the server received it, {@code http} or {@code https}
 */
public record RequestCredentials(String authorization, String cookie, String queryToken, String secFetchSite,
                                 String origin, String host, String scheme) {

    /**
     * Whether the request comes from a page of this server's own origin, for a token brought as the cookie (a browser
     * sends the cookie with a form another site posts): {@code Sec-Fetch-Site} must be {@code same-origin} (or absent,
     * from an older browser) and {@code Origin}, when present, this server's own (behind a TLS proxy, {@code https://}
     * and the {@code Host} the proxy passed on).
     */
    public boolean sameOrigin() {
        if (secFetchSite != null && !secFetchSite.equalsIgnoreCase("same-origin")) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        return host != null && (origin.equalsIgnoreCase(scheme + "://" + host) || origin.equalsIgnoreCase("https://" + host));
    }
}
