package dev.herald.serve;

import java.util.Map;

/** The headers of every event stream, the shed one's included: the one place they are written. */
public final class SseResponse {

    /** The media type of an event stream (WHATWG HTML, server-sent events), in UTF-8 as the spec requires. */
    public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

    /**
     * {@code Content-Type}, {@code Cache-Control: no-cache} (no cache may hold a stream) and
     * {@code X-Accel-Buffering: no} (nginx passes each event on at once instead of buffering the response).
     */
    public static final Map<String, String> HEADERS = orderedHeaders();

    private SseResponse() {
    }

    private static Map<String, String> orderedHeaders() {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Cache-Control", "no-cache");
        headers.put("X-Accel-Buffering", "no");
        return java.util.Collections.unmodifiableMap(headers);
    }
}
