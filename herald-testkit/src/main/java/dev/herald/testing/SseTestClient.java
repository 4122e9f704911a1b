package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.herald.sse.ParsedEvent;
import dev.herald.sse.SseParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A test client for event streams over real HTTP: the JDK's HttpClient reads the bytes, Herald's spec parser
 * turns them into events, and the events land in a queue (or in a consumer, for load tests that must not keep
 * them). Waits are bounded.
 */
public final class SseTestClient implements AutoCloseable {

    /** One shared client: its single selector thread serves every stream of a test. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<ParsedEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> retries = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CountDownLatch headersSeen = new CountDownLatch(1);
    private final SseParser parser;
    private volatile int status;
    private volatile HttpHeaders headers;
    private volatile HttpClient.Version version;
    private volatile Flow.Subscription subscription;

    private SseTestClient(Consumer<ParsedEvent> consumer) {
        Consumer<ParsedEvent> sink = consumer != null ? consumer : events::add;
        this.parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(ParsedEvent event) {
                sink.accept(event);
            }

            @Override
            public void onComment(String comment) {
                comments.add(comment);
            }

            @Override
            public void onRetry(long retryMillis) {
                retries.add(retryMillis);
            }
        });
    }

    /** Opens a stream and waits for its response headers. */
    public static SseTestClient connect(URI uri) {
        return connect(uri, Map.of(), null);
    }

    /** Opens a stream with extra request headers (e.g. {@code Last-Event-ID}) and waits for its response headers. */
    public static SseTestClient connect(URI uri, Map<String, String> requestHeaders) {
        return connect(uri, requestHeaders, null);
    }

    /** Opens a stream whose events go to {@code consumer} (called on the HTTP client's threads, one at a time). */
    public static SseTestClient connect(URI uri, Map<String, String> requestHeaders, Consumer<ParsedEvent> consumer) {
        return connect(HTTP, uri, requestHeaders, consumer);
    }

    /** Opens a stream through {@code http} (for example an HTTP/2 client) and waits for its response headers. */
    public static SseTestClient connect(HttpClient http, URI uri, Map<String, String> requestHeaders,
                                        Consumer<ParsedEvent> consumer) {
        SseTestClient client = new SseTestClient(consumer);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        requestHeaders.forEach(request::header);
        http.sendAsync(request.build(), info -> {
            client.status = info.statusCode();
            client.headers = info.headers();
            client.version = info.version();
            client.headersSeen.countDown();
            return HttpResponse.BodySubscribers.fromSubscriber(client.new BodyReader());
        }).whenComplete((response, error) -> {
            if (error != null) {
                client.ended.completeExceptionally(error);
                client.headersSeen.countDown();
            }
        });
        try {
            if (!client.headersSeen.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("no response headers from " + uri + " within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (client.ended.isCompletedExceptionally()) {
            fail("could not connect to " + uri + ": " + client.ended.handle((ok, error) -> error).join());
        }
        return client;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The HTTP version the response came in. */
    public HttpClient.Version version() {
        return version;
    }

    /** The next event, waiting up to {@link #WAIT}. */
    public ParsedEvent next() {
        return poll(events, "an event");
    }

    /** The next {@code count} events. */
    public List<ParsedEvent> next(int count) {
        List<ParsedEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** The next comment line (heartbeat), waiting up to {@link #WAIT}. */
    public String nextComment() {
        return poll(comments, "a comment");
    }

    /** The next retry field, waiting up to {@link #WAIT}. */
    public long nextRetry() {
        return poll(retries, "a retry field");
    }

    /** Checks that no further event arrives within {@code quiet}. */
    public void assertNoMoreEvents(Duration quiet) {
        try {
            ParsedEvent extra = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(extra).as("no further event").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The last event id as a browser would send it on reconnect. */
    public String lastEventId() {
        synchronized (parser) {
            return parser.lastEventId();
        }
    }

    /** Completes when the server ends the stream. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** How the stream ended, for a failure's message: "no", "normally" or the error. */
    private String endOfStream() {
        if (!ended.isDone()) {
            return "no";
        }
        return ended.handle((ok, error) -> error == null ? "normally" : "with " + error).join();
    }

    private <T> T poll(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                fail("waited " + WAIT + " for " + what + " (stream ended: " + endOfStream() + ")");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            synchronized (parser) {
                for (ByteBuffer buffer : buffers) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    parser.feed(bytes);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            ended.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            synchronized (parser) {
                parser.end();
            }
            ended.complete(null);
        }
    }
}
