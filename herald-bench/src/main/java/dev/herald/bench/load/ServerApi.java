package dev.herald.bench.load;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How the harness speaks to a kind of server: where a stream is opened, where a message is published, and what
 * the publish request carries around the {@link Stamp}. Every event the harness counts has type {@code bench}.
 */
enum ServerApi {

    /** Herald: {@code GET /stream?channel=<c>}; {@code POST /publish} of {@code {"channel","type":"bench","data"}}. */
    HERALD {
        @Override
        String streamUri(String channel) {
            return "/stream?channel=" + queryValue(channel);
        }

        @Override
        String publishUri(String channel) {
            return "/publish";
        }

        @Override
        String contentType() {
            return "application/json";
        }

        @Override
        String bodyPrefix(String channel) {
            return "{\"channel\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(channel))
                    + "\",\"type\":\"bench\",\"data\":\"";
        }

        @Override
        String bodySuffix() {
            return "\"}";
        }
    },

    /**
     * nginx with Nchan: {@code GET /sub/<c>} (an {@code nchan_subscriber eventsource} location whose
     * {@code nchan_eventsource_event} is {@code bench}); {@code POST /pub?id=<c>} with the stamp as the body.
     */
    NCHAN {
        @Override
        String streamUri(String channel) {
            return "/sub/" + pathSegment(channel);
        }

        @Override
        String publishUri(String channel) {
            return "/pub?id=" + queryValue(channel);
        }

        @Override
        String contentType() {
            return "text/plain";
        }

        @Override
        String bodyPrefix(String channel) {
            return "";
        }

        @Override
        String bodySuffix() {
            return "";
        }
    };

    /** The path and query of one stream of {@code channel}, relative to the server's base path. */
    abstract String streamUri(String channel);

    /** The path and query a message to {@code channel} is posted to, relative to the server's base path. */
    abstract String publishUri(String channel);

    /** The content type of a publish request. */
    abstract String contentType();

    /** What a publish request's body holds before the stamp. */
    abstract String bodyPrefix(String channel);

    /** What a publish request's body holds after the stamp. */
    abstract String bodySuffix();

    private static String queryValue(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Form encoding writes a space as {@code +}, which a path takes literally. */
    private static String pathSegment(String text) {
        return queryValue(text).replace("+", "%20");
    }
}
