package dev.herald.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Herald's signal that a resume left a gap: the {@code Last-Event-ID} the client sent is older than history (trimmed
 * by size or age, or from before a restart), so some events after it may be lost. What history still holds follows
 * it. It also arrives on a stream that is open, when the server's node may itself have missed events (its Redis
 * subscription dropped and came back): then live events follow. On the wire it is an event of type {@value #TYPE},
 * without id, whose data is {@code {"lastEventId":"...","channels":[...]}} ({@code null} on an open stream).
 *
 * @param lastEventId the id the client resumed from, as the server understood it; on an open stream, the last id the
 *                    client had received
 * @param channels    the stream's channels, sorted
 */
public record HistoryGone(String lastEventId, List<String> channels) {

    /** The event type Herald sends it under. */
    public static final String TYPE = "history-gone";

    public HistoryGone {
        channels = List.copyOf(channels);
    }

    /**
     * Reads the event's data. A gap is never hidden: data that is not of the expected shape still gives a
     * {@code HistoryGone}, with {@code fallbackLastEventId} (the id the client sent) and no channels.
     */
    static HistoryGone parse(String data, String fallbackLastEventId) {
        try {
            return new JsonReader(data).historyGone(fallbackLastEventId);
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return new HistoryGone(fallbackLastEventId, List.of());
        }
    }

    /** Just enough JSON for one flat object of strings, nulls and arrays of strings. */
    private static final class JsonReader {
        private final String text;
        private int at;

        JsonReader(String text) {
            this.text = text;
        }

        HistoryGone historyGone(String fallbackLastEventId) {
            String lastEventId = fallbackLastEventId;
            List<String> channels = List.of();
            expect('{');
            if (peek() == '}') {
                at++;
            } else {
                do {
                    String name = string();
                    expect(':');
                    if (name.equals("lastEventId")) {
                        String value = stringOrNull();
                        lastEventId = value == null ? fallbackLastEventId : value;
                    } else if (name.equals("channels")) {
                        channels = strings();
                    } else {
                        skipValue();
                    }
                } while (comma('}'));
            }
            skipSpace();
            if (at != text.length()) {
                throw new IllegalArgumentException("text after the object");
            }
            return new HistoryGone(lastEventId, channels);
        }

        private List<String> strings() {
            List<String> values = new ArrayList<>();
            expect('[');
            if (peek() == ']') {
                at++;
                return values;
            }
            do {
                values.add(string());
            } while (comma(']'));
            return values;
        }

        private void skipValue() {
            char c = peek();
            if (c == '"') {
                string();
            } else if (c == '[') {
                strings();
            } else {
                while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
                    at++; // a number, true, false or null
                }
            }
        }

        private String stringOrNull() {
            if (text.startsWith("null", at + spaces())) {
                skipSpace();
                at += 4;
                return null;
            }
            return string();
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + escaped);
                }
            }
        }

        /** After a member or element: true on a comma, false on the closing bracket. */
        private boolean comma(char close) {
            char c = peek();
            at++;
            if (c == ',') {
                return true;
            }
            if (c == close) {
                return false;
            }
            throw new IllegalArgumentException("expected , or " + close + " at " + (at - 1));
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c + " at " + at);
            }
            at++;
        }

        private char peek() {
            skipSpace();
            return text.charAt(at);
        }

        private int spaces() {
            int n = 0;
            while (at + n < text.length() && " \t\r\n".indexOf(text.charAt(at + n)) >= 0) {
                n++;
            }
            return n;
        }

        private void skipSpace() {
            at += spaces();
        }
    }
}
