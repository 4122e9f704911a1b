package dev.herald.server;

import dev.herald.sse.ParsedEvent;
import dev.herald.sse.SseParser;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@code EventSource} as a browser runs one (WHATWG HTML, "Server-sent events", 9.2.2 to 9.2.4), for tests that
 * need a thousand of them, from a chosen local address: Vert.x's non-blocking {@link NetClient} (whose local address
 * holds, which Vert.x 5's HttpClient ignores), so no thread per stream. A 200 with {@code text/event-stream} opens
 * it; when that stream ends or breaks, it waits the reconnection time (3 s, or the last {@code retry:} field) and
 * connects again with {@code Last-Event-ID}; a network error before an answer is retried the same way; any other
 * answer fails it for good, as it does a browser's. Events are kept in order.
 *
 * <p>It asks in HTTP/1.0, so the answer's body is the stream's bytes up to the end of the connection, with no chunked
 * coding to undo (nginx answers so; Herald behind it still gets HTTP/1.1 from nginx).
 *
 * <p>Thread: each connection's callbacks run on its Vert.x event loop; the fields read by the test are volatile or
 * guarded by {@code this}.
 */
final class SpecEventSource implements AutoCloseable {

    /** The reconnection time before any {@code retry:} field (Chromium's and Firefox's default). */
    private static final long DEFAULT_RETRY_MILLIS = 3000;
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Vertx vertx;
    private final NetClient net;
    private final URI uri;
    private final Map<String, String> headers;
    private final List<ParsedEvent> events = new ArrayList<>();
    private final AtomicInteger opens = new AtomicInteger();
    private volatile long retryMillis = DEFAULT_RETRY_MILLIS;
    private volatile String lastEventId = "";
    private volatile String failure;
    private volatile boolean open;
    private volatile boolean closed;
    private volatile NetSocket current;

    private SpecEventSource(Vertx vertx, NetClient net, URI uri, Map<String, String> headers) {
        this.vertx = vertx;
        this.net = net;
        this.uri = uri;
        this.headers = Map.copyOf(headers);
    }

    /** Starts connecting to {@code uri} (plain HTTP) through {@code net}; the answer comes later. */
    static SpecEventSource connect(Vertx vertx, NetClient net, URI uri) {
        return connect(vertx, net, uri, Map.of());
    }

    /** The same, sending these request headers too at every connection (as a browser sends its cookies). */
    static SpecEventSource connect(Vertx vertx, NetClient net, URI uri, Map<String, String> headers) {
        SpecEventSource source = new SpecEventSource(vertx, net, uri, headers);
        source.connect();
        return source;
    }

    private void connect() {
        if (closed) {
            return;
        }
        net.connect(uri.getPort(), uri.getHost()).onComplete(connected -> {
            if (connected.failed()) {
                reestablish(); // a network error: the spec reconnects
                return;
            }
            NetSocket socket = connected.result();
            current = socket;
            new Exchange(socket).start();
        });
    }

    private String request() {
        StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                .append(uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "").append(" HTTP/1.0\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Accept: text/event-stream\r\nCache-Control: no-cache\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (!lastEventId.isEmpty()) {
            request.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** One connection: the answer's head, then its body into a fresh parser, until the connection ends. */
    private final class Exchange {

        private final NetSocket socket;
        private Buffer head = Buffer.buffer();
        private SseParser parser;
        private boolean ended;

        Exchange(NetSocket socket) {
            this.socket = socket;
        }

        void start() {
            socket.handler(this::received);
            socket.exceptionHandler(error -> end());
            socket.endHandler(nothing -> end());
            socket.closeHandler(nothing -> end());
            socket.write(request());
        }

        private void received(Buffer bytes) {
            if (parser != null) {
                parser.feed(bytes.getBytes());
                return;
            }
            head.appendBuffer(bytes);
            int end = indexOf(head.getBytes(), END_OF_HEAD);
            if (end < 0) {
                return;
            }
            String[] lines = head.getString(0, end, StandardCharsets.ISO_8859_1.name()).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
            String type = null;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-type")) {
                    type = lines[i].substring(colon + 1).trim();
                }
            }
            if (status != 200 || type == null || !type.startsWith("text/event-stream")) {
                failure = "HTTP " + status + " " + type;
                closed = true;
                ended = true;
                socket.close();
                return;
            }
            open = true;
            opens.incrementAndGet();
            parser = new SseParser(new SseParser.Listener() {
                @Override
                public void onEvent(ParsedEvent event) {
                    synchronized (SpecEventSource.this) {
                        events.add(event);
                    }
                }

                @Override
                public void onRetry(long millis) {
                    retryMillis = millis;
                }
            }, lastEventId);
            Buffer body = head.getBuffer(end + END_OF_HEAD.length, head.length());
            head = null;
            parser.feed(body.getBytes());
        }

        /** The end of the connection, however it came (reported more than once by Vert.x). */
        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            if (parser != null) {
                parser.end();
                lastEventId = parser.lastEventId();
            }
            open = false;
            reestablish();
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            int j = 0;
            while (j < part.length && bytes[i + j] == part[j]) {
                j++;
            }
            if (j == part.length) {
                return i;
            }
        }
        return -1;
    }

    private void reestablish() {
        if (!closed) {
            vertx.setTimer(retryMillis, timer -> connect());
        }
    }

    /** The events so far, in the order they came. */
    synchronized List<ParsedEvent> events() {
        return List.copyOf(events);
    }

    /** The data of the events so far. */
    List<String> data() {
        return events().stream().map(ParsedEvent::data).toList();
    }

    /** How many times a stream opened. */
    int opens() {
        return opens.get();
    }

    boolean isOpen() {
        return open;
    }

    /** Why it failed for good (the status and type it was answered), or null. */
    String failure() {
        return failure;
    }

    @Override
    public String toString() {
        NetSocket socket = current;
        return "EventSource(" + uri + (socket != null ? " from " + socket.localAddress() : "") + ", opened "
                + opens.get() + " times, " + (failure != null ? "failed for good: " + failure
                : open ? "open" : "connecting") + ")";
    }

    @Override
    public void close() {
        closed = true;
        NetSocket socket = current;
        if (socket != null) {
            socket.close();
        }
    }
}
