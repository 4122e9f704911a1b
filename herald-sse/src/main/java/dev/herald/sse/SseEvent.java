package dev.herald.sse;

/**
 * One server-sent event, as the WHATWG HTML specification defines its fields.
 *
 * <p>Checked at construction, so that an event that exists can always be written to the wire:
 * {@code id} must not contain CR, LF or NUL, {@code type} must not contain CR or LF, and
 * {@code retryMillis} must not be negative. {@code data} may contain any text; line breaks
 * (CR, LF, CRLF) travel as separate {@code data:} lines and arrive as LF.
 *
 * @param id          the event id, or {@code null} for none
 * @param type        the event type ({@code event:} field), or {@code null} for the default {@code message};
 *                    an empty type is the same as none
 * @param data        the payload, never {@code null} (may be empty)
 * @param retryMillis the reconnection time to announce, or {@code null} for none
 */
public record SseEvent(String id, String type, String data, Long retryMillis) {

    public SseEvent {
        if (data == null) {
            throw new InvalidEventException("data must not be null; use \"\" for an empty payload");
        }
        if (id != null && containsAny(id, "\r\n\0")) {
            throw new InvalidEventException("id must not contain CR, LF or NUL: " + visible(id));
        }
        if (type != null && containsAny(type, "\r\n")) {
            throw new InvalidEventException("event type must not contain CR or LF: " + visible(type));
        }
        if (type != null && type.isEmpty()) {
            type = null;
        }
        if (retryMillis != null && retryMillis < 0) {
            throw new InvalidEventException("retry must be a non-negative number of milliseconds: " + retryMillis);
        }
    }

    /** An event of the given type with no id and no retry. */
    public static SseEvent of(String type, String data) {
        return new SseEvent(null, type, data, null);
    }

    /** The same event with another id. */
    public SseEvent withId(String newId) {
        return new SseEvent(newId, type, data, retryMillis);
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String visible(String s) {
        String shown = s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
        return '"' + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + '"';
    }
}
