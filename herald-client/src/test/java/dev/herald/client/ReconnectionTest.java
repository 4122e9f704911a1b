package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Recorder.Signal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a source does between connections, against a scripted server on loopback: the header supplier asked at every
 * connect, Herald's {@code token-expired} followed by a reconnect, the back-off that only a stream open long enough
 * resets, and the connect timeout apart from the read timeout.
 */
class ReconnectionTest {

    private static final RetryPolicy AT_ONCE = RetryPolicy.exponential().withInitialDelay(Duration.ZERO).withJitter(0);

    private ScriptedServer server;
    private Recorder recorder;
    private final List<EventSource> sources = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new ScriptedServer();
        recorder = new Recorder();
    }

    @AfterEach
    void stopEverything() {
        sources.forEach(EventSource::close);
        server.close();
    }

    private EventSource start(EventSource.Builder builder) {
        EventSource source = builder.build();
        sources.add(source);
        return source.start();
    }

    private EventSource.Builder source() {
        return EventSource.builder(server.uri("/stream")).listener(recorder).retryPolicy(AT_ONCE);
    }

    private static ScriptedServer.Script noContent() {
        return exchange -> exchange.head(204, null).end();
    }

    /** Answers 200 {@code text/event-stream} and closes at once, as a misbehaving proxy may. */
    private static ScriptedServer.Script openAndClose(List<Long> servedAtNanos) {
        return exchange -> {
            servedAtNanos.add(System.nanoTime());
            exchange.stream().end();
        };
    }

    // ---- headers asked for at every connect ----

    @Test
    void theHeaderSupplierIsAskedAgainForEveryConnection() {
        AtomicInteger asked = new AtomicInteger();
        server.then(exchange -> exchange.stream().write("data: a\n\n").end()).then(noContent());
        start(source().header("X-Fixed", "kept")
                .headers(() -> Map.of("Authorization", "Bearer t" + asked.incrementAndGet())));

        ScriptedServer.Request first = server.nextRequest();
        ScriptedServer.Request second = server.nextRequest();
        assertThat(first.header("Authorization")).isEqualTo("Bearer t1");
        assertThat(second.header("Authorization")).isEqualTo("Bearer t2");
        assertThat(second.header("X-Fixed")).isEqualTo("kept");
        recorder.expect(Signal.OPEN);
        recorder.expect(Recorder.message("a", ""));
        recorder.next(ConnectionException.class);
        recorder.expect(Signal.CLOSED);
    }

    @Test
    void aSupplierThatFailsFailsThatAttemptWhichIsRetried() {
        AtomicInteger asked = new AtomicInteger();
        server.then(noContent());
        start(source().headers(() -> {
            if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("the token service is down");
            }
            return Map.of("Authorization", "Bearer fresh");
        }));

        assertThat(recorder.next(ConnectionException.class))
                .hasMessageContaining("header supplier").hasMessageContaining("the token service is down");
        assertThat(server.nextRequest().header("Authorization")).isEqualTo("Bearer fresh");
        recorder.expect(Signal.CLOSED);
    }

    @Test
    void aSupplierHeaderTheSourceSetsItselfFailsTheAttempt() {
        server.then(noContent());
        AtomicInteger asked = new AtomicInteger();
        start(source().headers(() -> asked.incrementAndGet() == 1 ? Map.of("Last-Event-ID", "1") : Map.of()));

        assertThat(recorder.next(ConnectionException.class)).hasMessageContaining("Last-Event-ID");
        assertThat(server.nextRequest().header("Last-Event-ID")).isNull();
        recorder.expect(Signal.CLOSED);
    }

    // ---- token-expired ----

    @Test
    void tokenExpiredIsToldAndTheSourceReconnectsWithTheSuppliersNewHeaders() {
        AtomicInteger asked = new AtomicInteger();
        server.then(exchange -> exchange.stream()
                        .write("id: 7\ndata: before\n\nevent: token-expired\ndata: {\"channels\":[\"private-a\"]}\n\n")
                        .hold())
                .then(noContent());
        start(source().headers(() -> Map.of("Authorization", "Bearer t" + asked.incrementAndGet())));

        recorder.expect(Signal.OPEN);
        recorder.expect(Recorder.message("before", "7"));
        assertThat(recorder.next(TokenExpired.class).channels()).containsExactly("private-a");
        assertThat(server.nextRequest().header("Authorization")).isEqualTo("Bearer t1");
        ScriptedServer.Request again = server.nextRequest();
        assertThat(again.header("Authorization")).isEqualTo("Bearer t2");
        assertThat(again.header("Last-Event-ID")).isEqualTo("7");
        recorder.expect(Signal.CLOSED); // no onError for the end Herald announced
        recorder.assertNothingMore();
    }

    // ---- back-off ----

    @Test
    void streamsThatCloseAtOnceBackOffLikeFailures() {
        List<Long> served = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            server.then(openAndClose(served));
        }
        server.then(noContent());
        start(source().retryPolicy(AT_ONCE.withInitialDelay(Duration.ofMillis(40))
                .withMaxDelay(Duration.ofSeconds(10))));

        for (int i = 0; i < 6; i++) {
            server.nextRequest();
        }
        assertThat(served).hasSize(5);
        // the timer is never early: each wait is at least the planned 40, 80, 160, 320 ms (at the base, all 40 ms)
        for (int i = 1; i < served.size(); i++) {
            Duration gap = Duration.ofNanos(served.get(i) - served.get(i - 1));
            assertThat(gap).as("wait before attempt %d", i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(40L << (i - 1)));
        }
    }

    @Test
    void aStreamOpenLongerThanResetAfterStartsTheBackOffAgain() {
        List<Long> served = new CopyOnWriteArrayList<>();
        AtomicLong closedAt = new AtomicLong();
        ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();
        try {
            server.then(openAndClose(served))
                    .then(exchange -> {
                        exchange.stream();
                        // the stream stays open 300 ms, longer than resetAfter, then the server ends it
                        closer.schedule(() -> {
                            closedAt.set(System.nanoTime());
                            exchange.end();
                            return null;
                        }, 300, TimeUnit.MILLISECONDS);
                    })
                    .then(exchange -> {
                        served.add(System.nanoTime());
                        exchange.head(204, null).end();
                    });
            // 40 ms after the first short stream; 4 s after a second short one; 40 ms after one open for 300 ms
            start(source().retryPolicy(AT_ONCE.withInitialDelay(Duration.ofMillis(40)).withMultiplier(100)
                    .withMaxDelay(Duration.ofMinutes(1)).withResetAfter(Duration.ofMillis(200))));

            recorder.expect(Signal.OPEN);
            recorder.next(ConnectionException.class);
            recorder.expect(Signal.OPEN);
            recorder.next(ConnectionException.class);
            recorder.expect(Signal.CLOSED);
            assertThat(Duration.ofNanos(served.get(1) - closedAt.get())).isLessThan(Duration.ofSeconds(2));
        } finally {
            closer.shutdownNow();
        }
    }

    // ---- connect timeout ----

    @Test
    void aListenerThatNeverAcceptsIsAConnectTimeoutNotAReadTimeout() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillTheAcceptQueue(full);
            try {
                URI uri = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/stream");
                long started = System.nanoTime();
                start(EventSource.builder(uri).listener(recorder)
                        .retryPolicy(AT_ONCE.withInitialDelay(Duration.ofHours(1)))
                        .connectTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofMinutes(1)));

                ConnectionException error = recorder.next(ConnectionException.class);
                assertThat(error).hasMessage("could not connect to " + uri + " within 300 ms (the connect timeout)");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    /**
     * Connects until the kernel takes no more connections for a listener that never accepts (Linux holds backlog + 1
     * of them, then drops the next SYNs): a further connect then waits, as to a host that does not answer.
     */
    private static List<Socket> fillTheAcceptQueue(ServerSocket listener) throws IOException {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
                queued.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return queued;
            }
        }
        throw new AssertionError("the accept queue never filled");
    }
}
