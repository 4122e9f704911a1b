package dev.herald.testing;

import dev.herald.sse.ParsedEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A load-test subscriber that keeps no events: it checks that each event's data starts with the next number
 * in sequence ({@code "<n>"} or {@code "<n> <padding>"}) and counts them.
 */
public final class CountingSubscriber implements AutoCloseable {

    private final AtomicInteger received = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final SseTestClient client;

    public CountingSubscriber(URI stream) {
        this.client = SseTestClient.connect(stream, Map.of(), this::accept);
    }

    /** A subscriber whose stream goes through {@code http}, for example over HTTP/2. */
    public CountingSubscriber(HttpClient http, URI stream) {
        this.client = SseTestClient.connect(http, stream, Map.of(), this::accept);
    }

    private void accept(ParsedEvent event) {
        String data = event.data();
        int space = data.indexOf(' ');
        int number = Integer.parseInt(space < 0 ? data : data.substring(0, space));
        int expected = received.getAndIncrement();
        if (number != expected) {
            firstError.compareAndSet(null, "expected event " + expected + " but got " + number);
        }
    }

    public int received() {
        return received.get();
    }

    /** The first event out of order, lost or duplicated, or {@code null}. */
    public String firstError() {
        return firstError.get();
    }

    public SseTestClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
