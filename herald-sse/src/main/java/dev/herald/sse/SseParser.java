package dev.herald.sse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The event stream interpretation algorithm of the WHATWG HTML specification, push style:
 * feed bytes as they arrive, receive events through a {@link Listener}.
 *
 * <p>Follows the spec to the letter: UTF-8 with invalid sequences replaced by U+FFFD; one leading
 * BOM ignored; lines end at CR, LF or CRLF (also when CR and LF arrive in different chunks); a line
 * without a colon is a field with an empty value; one space after the colon is stripped; unknown
 * fields are ignored; {@code retry} is ignored unless it is all ASCII digits; {@code id} is ignored
 * if it contains NUL; an event with no data line is not dispatched; what is pending at the end of
 * the stream is discarded. Not thread-safe: one parser per stream, fed from one thread at a time.
 */
public final class SseParser {

    /** Receives what the stream carries. */
    public interface Listener {
        /** A dispatched event. */
        void onEvent(ParsedEvent event);

        /** A valid {@code retry} field: the new reconnection time. */
        default void onRetry(long retryMillis) {
        }

        /** A comment line, without its leading colon. */
        default void onComment(String comment) {
        }
    }

    private static final String DEFAULT_TYPE = "message";

    private final Listener listener;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer undecoded = ByteBuffer.allocate(0);

    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventIdBuffer;
    private String lastEventId;
    private boolean startOfStream = true;
    private boolean afterCr;

    /** A parser for a new stream: the last event id starts empty. */
    public SseParser(Listener listener) {
        this(listener, "");
    }

    /**
     * A parser for a stream that resumes an earlier one, as a reconnecting client's: the last event id (buffer and
     * dispatched value) starts at {@code lastEventId}, so an event without an {@code id} field still carries the
     * id the client resumed from, as browsers keep their {@code EventSource}'s last event id across connections.
     *
     * @param lastEventId the id to start from; {@code ""} for none. Must not contain NUL, CR or LF, which no
     *                    stream could have set
     * @throws IllegalArgumentException if it does
     */
    public SseParser(Listener listener, String lastEventId) {
        if (lastEventId == null || lastEventId.indexOf('\0') >= 0 || lastEventId.indexOf('\r') >= 0
                || lastEventId.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a last event id is non-null text without NUL, CR or LF, got "
                    + (lastEventId == null ? "null" : '"' + lastEventId.replace("\0", "\\0").replace("\r", "\\r")
                    .replace("\n", "\\n") + '"'));
        }
        this.listener = listener;
        this.lastEventIdBuffer = lastEventId;
        this.lastEventId = lastEventId;
    }

    /** Feeds raw bytes of the stream. */
    public void feed(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.allocate(undecoded.remaining() + length);
        in.put(undecoded).put(bytes, offset, length).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        undecoded = in.slice();
        out.flip();
        feed(out);
    }

    /** Feeds raw bytes of the stream. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Feeds already decoded text of the stream. */
    public void feed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            accept(text.charAt(i));
        }
    }

    /** Ends the stream: an incomplete event is discarded, as the spec requires. */
    public void end() {
        CharBuffer rest = CharBuffer.allocate(undecoded.remaining() + 1);
        decoder.decode(undecoded, rest, true);
        decoder.flush(rest);
        undecoded = ByteBuffer.allocate(0);
        rest.flip();
        feed(rest);
        line.setLength(0);
        data.setLength(0);
        eventType = "";
    }

    /**
     * The last event id as of the last dispatch (blank line): what a reconnecting client sends as
     * {@code Last-Event-ID}. It is set even when no event fires, by a frame that holds only an id.
     */
    public String lastEventId() {
        return lastEventId;
    }

    private void accept(char c) {
        if (startOfStream) {
            startOfStream = false;
            if (c == '\uFEFF') {
                return;
            }
        }
        if (afterCr) {
            afterCr = false;
            if (c == '\n') {
                return;
            }
        }
        if (c == '\r' || c == '\n') {
            afterCr = c == '\r';
            processLine(line.toString());
            line.setLength(0);
        } else {
            line.append(c);
        }
    }

    private void processLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = text.indexOf(':');
        if (colon == 0) {
            listener.onComment(text.substring(1));
            return;
        }
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon > 0) {
            int start = colon + 1;
            if (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            value = text.substring(start);
        }
        processField(field, value);
    }

    private void processField(String field, String value) {
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventIdBuffer = value;
                }
            }
            case "retry" -> {
                if (isAsciiDigits(value)) {
                    try {
                        listener.onRetry(Long.parseLong(value));
                    } catch (NumberFormatException tooLarge) {
                        // digits only but beyond a long: no sensible reconnection time, ignore like any bad value
                    }
                }
            }
            default -> {
                // the spec ignores unknown fields
            }
        }
    }

    private void dispatch() {
        lastEventId = lastEventIdBuffer;
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1); // the LF appended after the last data line
        String type = eventType.isEmpty() ? DEFAULT_TYPE : eventType;
        ParsedEvent event = new ParsedEvent(type, data.toString(), lastEventId);
        data.setLength(0);
        eventType = "";
        listener.onEvent(event);
    }

    private static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
