package dev.herald.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The request of one connection of an {@link EventSource}: a GET with {@code Accept: text/event-stream},
 * {@code Cache-Control: no-cache}, the builder's headers, and the last event id when there is one.
 */
final class StreamRequest {

    private StreamRequest() {
    }

    /**
     * Refuses a header the source cannot send for the caller: those it sets itself ({@code Accept},
     * {@code Cache-Control}, {@code Last-Event-ID}) and those the JDK client refuses ({@code Host}, {@code Connection},
     * ..., or a bad character).
     *
     * @throws IllegalArgumentException naming the header and why
     */
    static void check(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("last-event-id")) {
            throw new IllegalArgumentException("set the first Last-Event-ID with lastEventId(id); the source sends "
                    + "the header itself on every connection");
        }
        if (lower.equals("accept") || lower.equals("cache-control")) {
            throw new IllegalArgumentException("the source sends " + name + " itself");
        }
        HttpRequest.newBuilder().header(name, value); // the JDK's own checks: restricted names, bad characters
    }

    /**
     * The request for {@code uri} resuming after {@code lastEventId} (empty for none), which goes as
     * {@code Last-Event-ID}, or as the query parameter {@code lastEventId} when the header cannot carry it. The
     * {@code headers} are the builder's, then those its supplier gave for this connection.
     *
     * @param readTimeout how long to wait for the answer's head (the JDK's request timeout)
     */
    static HttpRequest of(URI uri, List<String[]> headers, Duration readTimeout, String lastEventId) {
        boolean idInHeader = isPrintableAscii(lastEventId);
        HttpRequest.Builder request = HttpRequest.newBuilder(idInHeader ? uri : withLastEventIdParameter(uri, lastEventId))
                .GET()
                .timeout(readTimeout)
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache");
        for (String[] header : headers) {
            request.header(header[0], header[1]);
        }
        if (!lastEventId.isEmpty() && idInHeader) {
            request.header("Last-Event-ID", lastEventId);
        }
        return request.build();
    }

    private static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The JDK's client writes header values as ASCII (a browser sends UTF-8): an id beyond printable ASCII, which a
     * publisher may choose, would reach the server mangled. It goes as the query parameter {@code lastEventId},
     * percent-encoded UTF-8, which Herald reads for clients that cannot set the header.
     */
    private static URI withLastEventIdParameter(URI uri, String id) {
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery() + "&";
        String fragmentless = uri.toString();
        int hash = fragmentless.indexOf('#');
        if (hash >= 0) {
            fragmentless = fragmentless.substring(0, hash);
        }
        int question = fragmentless.indexOf('?');
        String base = question < 0 ? fragmentless : fragmentless.substring(0, question);
        return URI.create(base + "?" + query + "lastEventId=" + encoded);
    }
}
