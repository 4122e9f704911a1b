package dev.herald.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The base URL of the server under load, which must be on this machine: the harness opens thousands of
 * connections and publishes as fast as it can, which is a denial of service against anyone else's server.
 *
 * <p>Accepted hosts are {@code localhost}, an IPv4 literal in 127.0.0.0/8 and the IPv6 literal {@code ::1}. No
 * other name is accepted, even one that resolves to loopback, and no name is ever looked up.
 *
 * @param host     the host as a URL writes it (an IPv6 literal in brackets, as Vert.x takes it too)
 * @param port     the port, 80 when the URL names none
 * @param basePath the path the server's routes are mounted under, without a trailing slash ({@code ""} at the root)
 */
record LoopbackUrl(String host, int port, String basePath) {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

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
        if (!isLoopback(host)) {
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

    private static boolean isLoopback(String host) {
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        if (IPV4_LITERAL.matcher(host).matches()) {
            String[] octets = host.split("\\.");
            for (String octet : octets) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(octets[0]) == 127;
        }
        if (!host.startsWith("[")) {
            return false;
        }
        try {
            // In brackets InetAddress takes it as an IPv6 literal or refuses it: no name is looked up.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException notALiteral) {
            return false;
        }
    }
}
