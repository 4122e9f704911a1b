package dev.herald.server;

import dev.herald.sse.ParsedEvent;
import dev.herald.sse.SseParser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@code EventSource} as a browser runs one (WHATWG HTML, "Server-sent events", 9.2.2 to 9.2.4), for tests that
 * need a thousand of them: Vert.x's non-blocking HttpClient, so no thread per stream. A 200 with
 * {@code text/event-stream} opens it; when that stream ends or breaks, it waits the reconnection time (3 s, or the
 * last {@code retry:} field) and connects again with {@code Last-Event-ID}; a network error before an answer is
 * retried the same way; any other answer fails it for good, as it does a browser's. Events are kept in order.
 *
 * <p>Thread: every callback runs on the client's Vert.x event loop; the fields read by the test are volatile or
 * guarded by {@code this}.
 */
final class SpecEventSource implements AutoCloseable {

    /** The reconnection time before any {@code retry:} field (Chromium's and Firefox's default). */
    private static final long DEFAULT_RETRY_MILLIS = 3000;

    private final Vertx vertx;
    private final HttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final List<ParsedEvent> events = new ArrayList<>();
    private final AtomicInteger opens = new AtomicInteger();
    private volatile long retryMillis = DEFAULT_RETRY_MILLIS;
    private volatile String lastEventId = "";
    private volatile String failure;
    private volatile boolean open;
    private volatile boolean closed;
    private volatile HttpClientResponse current;

    private SpecEventSource(Vertx vertx, HttpClient http, URI uri, Map<String, String> headers) {
        this.vertx = vertx;
        this.http = http;
        this.uri = uri;
        this.headers = Map.copyOf(headers);
    }

    /** Starts connecting to {@code uri} through {@code http}; the answer comes later. */
    static SpecEventSource connect(Vertx vertx, HttpClient http, URI uri) {
        return connect(vertx, http, uri, Map.of());
    }

    /** The same, sending these request headers too at every connection (as a browser sends its cookies). */
    static SpecEventSource connect(Vertx vertx, HttpClient http, URI uri, Map<String, String> headers) {
        SpecEventSource source = new SpecEventSource(vertx, http, uri, headers);
        source.connect();
        return source;
    }

    private void connect() {
        if (closed) {
            return;
        }
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
                .addHeader("Accept", "text/event-stream").addHeader("Cache-Control", "no-cache");
        headers.forEach(request::addHeader);
        if (!lastEventId.isEmpty()) {
            request.addHeader("Last-Event-ID", lastEventId);
        }
        http.request(request).compose(r -> r.send()).onComplete(answer -> {
            if (answer.failed()) {
                reestablish(); // a network error: the spec reconnects
            } else {
                read(answer.result());
            }
        });
    }

    private void read(HttpClientResponse response) {
        String type = response.getHeader("Content-Type");
        if (response.statusCode() != 200 || type == null || !type.startsWith("text/event-stream")) {
            failure = "HTTP " + response.statusCode() + " " + type;
            closed = true;
            response.request().connection().close();
            return;
        }
        current = response;
        open = true;
        opens.incrementAndGet();
        SseParser parser = new SseParser(new SseParser.Listener() {
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
        response.handler(buffer -> parser.feed(buffer.getBytes()));
        response.exceptionHandler(error -> ended(parser));
        response.endHandler(end -> ended(parser));
    }

    private void ended(SseParser parser) {
        if (!open) {
            return; // the exception and the end of one response
        }
        open = false;
        parser.end();
        lastEventId = parser.lastEventId();
        reestablish();
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
        return "EventSource(" + uri + ", opened " + opens.get() + " times, "
                + (failure != null ? "failed for good: " + failure : open ? "open" : "connecting") + ")";
    }

    @Override
    public void close() {
        closed = true;
        HttpClientResponse response = current;
        if (response != null) {
            response.request().reset();
        }
    }
}
