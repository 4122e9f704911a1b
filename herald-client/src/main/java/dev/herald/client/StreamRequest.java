package dev.herald.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The request of one connection of an {@link EventSource}: a GET with {@code Accept: text/event-stream},
 * {@code Cache-Control: no-cache}, the builder's headers, and the last event id when there is one.
 */
final class StreamRequest {

    private StreamRequest() {
    }

    /**
     * The request for {@code uri} resuming after {@code lastEventId} (empty for none), which goes as
     * {@code Last-Event-ID}, or as the query parameter {@code lastEventId} when the header cannot carry it.
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
