package dev.herald.sse;

import java.nio.charset.StandardCharsets;

/**
 * Writes events in the {@code text/event-stream} format (WHATWG HTML, "Server-sent events"), UTF-8 encoded.
 *
 * <p>Pure: no I/O, no clocks, no state. Every line ends with LF; every frame ends with a blank line.
 * A field value is written after {@code ": "}, so a value that itself begins with a space keeps it
 * (the parser strips exactly one).
 */
public final class SseEncoder {

    private SseEncoder() {
    }

    /** The frame of one event, as bytes. */
    public static byte[] encode(SseEvent event) {
        return encodeToString(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The frame of one event: {@code id}, {@code event}, {@code retry}, then one {@code data:} line per line of data. */
    public static String encodeToString(SseEvent event) {
        StringBuilder out = new StringBuilder(event.data().length() + 48);
        if (event.id() != null) {
            field(out, "id", event.id());
        }
        if (event.type() != null) {
            field(out, "event", event.type());
        }
        if (event.retryMillis() != null) {
            field(out, "retry", Long.toString(event.retryMillis()));
        }
        String data = event.data();
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                field(out, "data", data.substring(start, i));
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        field(out, "data", data.substring(start));
        return out.append('\n').toString();
    }

    /**
     * A frame of comment lines. Browsers ignore comments; proxies see bytes, so a comment is the
     * heartbeat that keeps an idle stream open. Line breaks in the text start new comment lines.
     */
    public static byte[] comment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (String line : text.split("\r\n|\r|\n", -1)) {
            out.append(':');
            if (!line.isEmpty()) {
                out.append(' ').append(line);
            }
            out.append('\n');
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A frame that only sets the client's reconnection time. */
    public static byte[] retry(long retryMillis) {
        if (retryMillis < 0) {
            throw new InvalidEventException("retry must be a non-negative number of milliseconds: " + retryMillis);
        }
        return ("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A frame that only sets the client's last event id, dispatching no event: the spec copies the id
     * buffer to the last event id before it checks for data, so a reconnect sends this id back.
     */
    public static byte[] lastEventId(String id) {
        new SseEvent(id, null, "", null); // validates the id
        StringBuilder out = new StringBuilder();
        field(out, "id", id);
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(':');
        if (!value.isEmpty()) {
            out.append(' ').append(value);
        }
        out.append('\n');
    }
}
