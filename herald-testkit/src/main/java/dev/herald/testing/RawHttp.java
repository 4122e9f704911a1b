package dev.herald.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One request sent as raw bytes over a plain socket, for inputs that well-behaved clients (the JDK's included) refuse
 * to send: malformed percent-encodings, invalid UTF-8, broken headers. Reads the answer's head, and its body unless it
 * is an event stream, within a deadline.
 */
public final class RawHttp {

    /** What came back: the status (-1 when the server closed without answering) and the bytes read. */
    public record Answer(int status, String text, boolean eventStream) {
    }

    /** The server neither answered nor closed within the deadline. */
    public static final class HungException extends IOException {
        HungException(String request) {
            super("no answer and no close within the deadline for: " + request);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (a whole request: line, headers, body) and reads the answer within {@code deadline}. */
    public static Answer exchange(URI base, byte[] request, Duration deadline) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) deadline.toMillis());
            long end = System.nanoTime() + deadline.toNanos();
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException closedWhileSending) {
                // The server may close as soon as it has seen enough (a request line too long): read what it said.
            }
            return read(socket.getInputStream(), end, request);
        }
    }

    private static Answer read(InputStream in, long end, byte[] request) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            if (System.nanoTime() > end) {
                throw new HungException(preview(request));
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException timeout) {
                throw new HungException(preview(request));
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                return answerOf(seen.toString(StandardCharsets.UTF_8));
            }
            seen.write(buffer, 0, n);
            String text = seen.toString(StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd >= 0 && text.substring(0, headEnd).toLowerCase().contains("content-type: text/event-stream")) {
                return new Answer(statusOf(text), text, true); // a stream never ends by itself: its head is enough
            }
        }
    }

    private static Answer answerOf(String text) {
        return new Answer(text.isEmpty() ? -1 : statusOf(text), text, false);
    }

    private static int statusOf(String text) {
        if (!text.startsWith("HTTP/1.")) {
            return -1;
        }
        int space = text.indexOf(' ');
        return Integer.parseInt(text.substring(space + 1, space + 4));
    }

    public static String preview(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 2000), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n") + (request.length > 2000 ? "..." : "");
    }
}
