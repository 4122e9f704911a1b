package dev.herald.bench.load;

import dev.herald.options.Loopback;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The base URL of the server under load, which must be on this machine: the harness opens thousands of
 * connections and publishes as fast as it can, which is a denial of service against anyone else's server.
 *
 * <p>Accepted hosts are those of {@link Loopback#isLoopback}: {@code localhost}, an IPv4 literal in 127.0.0.0/8 and the
 * IPv6 literal {@code ::1}. No other name is accepted, even one that resolves to loopback, and no name is ever looked up.
 *
 * @param host     the host as a URL writes it (an IPv6 literal in brackets, as Vert.x takes it too)
 * @param port     the port, 80 when the URL names none
 * @param basePath the path the server's routes are mounted under, without a trailing slash ({@code ""} at the root)
 */
record LoopbackUrl(String host, int port, String basePath) {

    /**
     * Reads an {@code http://} URL and checks that it is on loopback.
     *
     * @throws IllegalArgumentException with a sentence fit for the user when it is not
     */
    public static LoopbackUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url '" + url + "' is not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("--url must start with http://, got '" + url + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("--url '" + url + "' names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--url must be a base URL without user, query or fragment, got '" + url + "'");
        }
        String host = uri.getHost();
        if (!Loopback.isLoopback(host)) {
            throw new IllegalArgumentException("--url host '" + host + "' is not loopback; the harness only loads a "
                    + "server on this machine: use 127.0.0.1 (or any 127.x.y.z), localhost or [::1]");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new LoopbackUrl(host, uri.getPort() < 0 ? 80 : uri.getPort(), path);
    }

    /** The request URI (path and query) of {@code path} under the base path, e.g. {@code /stream?channel=bench}. */
    public String requestUri(String path) {
        return basePath + path;
    }

    /** The host as a socket address takes it: an IPv6 literal without its brackets. */
    public String unbracketedHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return "http://" + host + ":" + port + basePath;
    }
}
