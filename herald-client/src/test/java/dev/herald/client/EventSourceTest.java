package dev.herald.client;

import static dev.herald.client.Recorder.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.client.Recorder.Comment;
import dev.herald.client.Recorder.Signal;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.CapturedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against literal byte streams from a scripted server on loopback: one rule of the spec per test. */
class EventSourceTest {

    /** Reconnects at once and exactly, so that a test waits for nothing but what it asserts. */
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

    private EventSource.Builder source() {
        return EventSource.builder(server.uri("/stream")).listener(recorder).retryPolicy(AT_ONCE);
    }

    private EventSource start(EventSource.Builder builder) {
        EventSource source = builder.build();
        sources.add(source);
        return source.start();
    }

    /** Answers one request with these stream bytes, then ends the stream. */
    private static ScriptedServer.Script streamOf(String text) {
        return exchange -> {
            exchange.stream().write(text);
            exchange.end();
        };
    }

    private static ScriptedServer.Script noContent() {
        return exchange -> exchange.head(204, null).end();
    }

    // ---- the spec's examples, under each line ending ----

    static Stream<Arguments> specExamples() {
        List<Arguments> examples = List.of(
                Arguments.of("three messages, the second on two lines",
                        "data: This is the first message.\n\n"
                                + "data: This is the second message, it\n"
                                + "data: has two lines.\n\n"
                                + "data: This is the third message.\n\n",
                        List.of(message("This is the first message.", ""),
                                message("This is the second message, it\nhas two lines.", ""),
                                message("This is the third message.", ""))),
                Arguments.of("event types",
                        "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\n",
                        List.of(new ParsedEvent("add", "73857293", ""), new ParsedEvent("remove", "2153", ""))),
                Arguments.of("comment, id set, id reset, leading space kept",
                        ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
                        List.of(new Comment(" test stream"), message("first event", "1"),
                                message("second event", ""), message(" third event", ""))),
                Arguments.of("empty data, a single newline, the unterminated last block discarded",
                        "data\n\ndata\ndata\n\ndata:",
                        List.of(message("", ""), message("\n", ""))));
        return examples.stream().flatMap(example -> Arrays.stream(LineEnding.values()).map(eol -> {
            Object[] args = example.get();
            return Arguments.of(args[0], eol, args[1], args[2]);
        }));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("specExamples")
    void specExampleArrivesAsTheSpecSays(String example, LineEnding eol, String streamWithLf, List<Object> expected) {
        server.then(streamOf(eol.apply(streamWithLf))).then(noContent());
        start(source());

        recorder.expect(Signal.OPEN);
        for (Object call : expected) {
            recorder.expect(call);
        }
        assertThat(recorder.next(ConnectionException.class)).hasMessage("the server ended the stream");
        recorder.expect(Signal.CLOSED);
        recorder.assertNothingMore();
    }

    @Test
    void multiByteCharactersSplitAcrossWritesArriveWhole() {
        byte[] stream = "data: é€😀\n\n".getBytes(StandardCharsets.UTF_8);
        server.then(exchange -> {
            exchange.stream();
            for (byte b : stream) {
                exchange.write(new byte[] {b});
            }
            exchange.end();
        }).then(noContent());
        start(source());

        recorder.expect(Signal.OPEN);
        recorder.expect(message("é€😀", ""));
    }

    // ---- reconnecting ----

    @Test
    void reconnectSendsTheIdOfTheLastEventThatSetOne() {
        server.then(streamOf("id: 1\ndata: a\n\nid: 2\0\ndata: b\n\n"))
                .then(streamOf("id: 3\n\n"))
                .then(streamOf("id\ndata: c\n\n"))
                .then(noContent());
        EventSource source = start(source());

        assertThat(server.nextRequest().header("Last-Event-ID")).as("nothing to resume from yet").isNull();
        recorder.expect(Signal.OPEN);
        recorder.expect(message("a", "1"));
        recorder.expect(message("b", "1"));
        assertThat(server.nextRequest().header("Last-Event-ID")).as("an id with NUL is ignored").isEqualTo("1");
        assertThat(server.nextRequest().header("Last-Event-ID")).as("a frame holding only an id sets it").isEqualTo("3");
        assertThat(server.nextRequest().header("Last-Event-ID")).as("an empty id resets it").isNull();
        assertThat(source.lastEventId()).isEmpty();
    }

    @Test
    void eventsAfterAReconnectKeepTheLastEventIdTheyResumedFrom() {
        server.then(streamOf("id: 7\ndata: a\n\n")).then(streamOf("data: b\n\n")).then(noContent());
        start(source());

        recorder.expect(Signal.OPEN);
        recorder.expect(message("a", "7"));
        recorder.next(ConnectionException.class);
        recorder.expect(Signal.OPEN);
        recorder.expect(message("b", "7"));
    }

    @Test
    void idBeyondAsciiGoesAsTheLastEventIdQueryParameterInUtf8() {
        server.then(streamOf("id: é€ 1\ndata: x\n\n")).then(noContent());
        start(EventSource.builder(server.uri("/stream?channel=a")).listener(recorder).retryPolicy(AT_ONCE));

        server.nextRequest();
        recorder.expect(Signal.OPEN);
        recorder.expect(message("x", "é€ 1"));
        ScriptedServer.Request resumed = server.nextRequest();
        assertThat(resumed.line()).isEqualTo("GET /stream?channel=a&lastEventId=%C3%A9%E2%82%AC%201 HTTP/1.1");
        assertThat(resumed.header("Last-Event-ID")).isNull();
    }

    @Test
    void listenerThatThrowsIsLoggedAndTheSourceGoesOn() {
        server.then(streamOf("data: boom\n\ndata: after\n\n")).then(noContent());
        Recorder throwing = new Recorder() {
            @Override
            public void onEvent(ParsedEvent event) {
                super.onEvent(event);
                if (event.data().equals("boom")) {
                    throw new IllegalStateException("the listener's own bug");
                }
            }
        };
        try (CapturedLog log = CapturedLog.of(EventSource.class)) {
            start(EventSource.builder(server.uri("/stream")).listener(throwing).retryPolicy(AT_ONCE));

            throwing.expect(Signal.OPEN);
            throwing.expect(message("boom", ""));
            throwing.expect(message("after", ""));
            assertThat(log.awaitMessage()).isEqualTo("the listener of the EventSource on " + server.uri("/stream")
                    + " threw / the listener's own bug");
            throwing.next(ConnectionException.class);
            throwing.expect(Signal.CLOSED);
        }
    }

    @Test
    void requestsCarryTheStreamHeadersTheBuildersHeadersAndTheFirstLastEventId() {
        server.then(noContent());
        start(source().header("Authorization", "Bearer abc").lastEventId("1795462595178-4"));

        ScriptedServer.Request request = server.nextRequest();
        assertThat(request.line()).isEqualTo("GET /stream HTTP/1.1");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(request.header("Authorization")).isEqualTo("Bearer abc");
        assertThat(request.header("Last-Event-ID")).isEqualTo("1795462595178-4");
    }

    @Test
    void retryFieldSetsTheReconnectionTime() {
        server.then(streamOf("retry: 20\n\n")).then(noContent());
        // without the server's retry, the next attempt would be an hour away
        start(source().retryPolicy(AT_ONCE.withInitialDelay(Duration.ofHours(1))));

        server.nextRequest();
        recorder.expect(Signal.OPEN);
        recorder.next(ConnectionException.class);
        server.nextRequest();
        recorder.expect(Signal.CLOSED);
    }

    @Test
    void serversHugeRetryPostponesTheReconnectionWithoutBreakingTheSource() {
        server.then(streamOf("retry: 999999999999999999\n\n"));
        EventSource source = start(source());

        recorder.expect(Signal.OPEN);
        recorder.next(ConnectionException.class);
        server.nextRequest();
        server.assertNoMoreRequests();
        source.close();
        recorder.expect(Signal.CLOSED);
        awaitNoThreadsOf(source);
    }

    @Test
    void failuresInARowBackOffFromTheServersRetry() {
        RetryPolicy policy = RetryPolicy.exponential().withJitter(0).withMultiplier(1000).withMaxDelay(Duration.ofHours(1));
        server.then(streamOf("retry: 1\n\n"))
                .then(exchange -> exchange.head(503, "application/json").end())
                .then(exchange -> exchange.head(503, "application/json").end());
        // 1 ms after the stream that opened, 1 s after the first 503, then an hour after the second
        start(source().retryPolicy(policy.withRetriedStatuses(503)));

        server.nextRequest();
        server.nextRequest();
        server.nextRequest();
        recorder.expect(Signal.OPEN);
        recorder.next(ConnectionException.class);
        assertThat(recorder.next(HttpStatusException.class).status()).isEqualTo(503);
        assertThat(recorder.next(HttpStatusException.class).status()).isEqualTo(503);
        server.assertNoMoreRequests();
    }

    // ---- stopping ----

    @Test
    void noContentStopsForGood() {
        server.then(noContent());
        start(source());

        server.nextRequest();
        recorder.expect(Signal.CLOSED);
        server.assertNoMoreRequests();
        recorder.assertNothingMore();
    }

    @Test
    void serverErrorIsReportedWithItsStatusAndNotRetried() {
        server.then(exchange -> exchange.head(500, "application/json").end());
        start(source());

        HttpStatusException error = recorder.next(HttpStatusException.class);
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.body()).isEqualTo("{}");
        assertThat(error).hasMessage("the server answered 500 instead of 200 with an event stream: {}");
        recorder.expect(Signal.CLOSED);
        server.nextRequest();
        server.assertNoMoreRequests();
    }

    @Test
    void errorAnswersBodyIsReadUpToItsLimit() {
        String herald = "{\"status\":\"error\",\"message\":\"private channel a needs a token\"}";
        String huge = "é".repeat(Connection.ERROR_BODY_LIMIT);
        server.then(exchange -> exchange.answer(401, "application/json", herald));
        start(source());
        HttpStatusException unauthorized = recorder.next(HttpStatusException.class);
        recorder.expect(Signal.CLOSED);

        server.then(exchange -> exchange.answer(403, "text/plain", huge));
        Recorder other = new Recorder();
        start(source().listener(other));
        HttpStatusException forbidden = other.next(HttpStatusException.class);

        assertThat(unauthorized.body()).isEqualTo(herald);
        assertThat(unauthorized).hasMessageEndingWith("with an event stream: " + herald);
        assertThat(forbidden.body()).as("1024 bytes: 512 two-byte characters").isEqualTo("é".repeat(512));
    }

    @Test
    void errorAnswerWhoseBodyStallsIsReportedAtTheReadTimeout() {
        server.then(exchange -> exchange.write("HTTP/1.1 502 Scripted\r\nContent-Length: 100\r\n\r\nBad gat").hold());
        start(source().readTimeout(Duration.ofMillis(300)));

        HttpStatusException error = recorder.next(HttpStatusException.class);
        assertThat(error.status()).isEqualTo(502);
        assertThat(error.body()).isEqualTo("Bad gat");
        recorder.expect(Signal.CLOSED);
    }

    @Test
    void statusTheRetryPolicyListsIsRetried() {
        server.then(exchange -> exchange.head(503, "application/json").end()).then(streamOf("data: back\n\n"))
                .then(noContent());
        start(source().retryPolicy(AT_ONCE.withRetriedStatuses(502, 503, 504)));

        assertThat(recorder.next(HttpStatusException.class).status()).isEqualTo(503);
        recorder.expect(Signal.OPEN);
        recorder.expect(message("back", ""));
    }

    @Test
    void wrongContentTypeIsReportedAndNotRetried() {
        server.then(exchange -> exchange.head(200, "text/plain").write("data: no\n\n").end());
        start(source());

        ContentTypeException error = recorder.next(ContentTypeException.class);
        assertThat(error.contentType()).isEqualTo("text/plain");
        recorder.expect(Signal.CLOSED);
        server.nextRequest();
        server.assertNoMoreRequests();
    }

    @Test
    void refusedConnectionIsReportedAndRetried() throws IOException {
        URI nobodyListens;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobodyListens = URI.create("http://127.0.0.1:" + probe.getLocalPort() + "/stream");
        }
        EventSource source = start(EventSource.builder(nobodyListens).listener(recorder).retryPolicy(AT_ONCE));

        assertThat(recorder.next(ConnectionException.class)).hasMessageStartingWith("could not connect to " + nobodyListens);
        recorder.next(ConnectionException.class);
        source.close();
        await().atMost(Recorder.PATIENCE).until(() -> recorder.calls.contains(Signal.CLOSED));
    }

    // ---- read timeout ----

    @Test
    void readTimeoutClosesAStalledConnectionAndReconnects() {
        server.then(exchange -> exchange.stream().hold()).then(noContent());
        start(source().readTimeout(Duration.ofMillis(300)));

        recorder.expect(Signal.OPEN);
        ReadTimeoutException timeout = recorder.next(ReadTimeoutException.class);
        assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(timeout).hasMessage("nothing arrived for 300 ms, the read timeout");
        server.nextRequest();
        server.nextRequest();
        recorder.expect(Signal.CLOSED);
    }

    @Test
    void serverThatNeverAnswersTimesOutToo() {
        server.then(ScriptedServer.Exchange::hold).then(noContent());
        start(source().readTimeout(Duration.ofMillis(300)));

        recorder.next(ReadTimeoutException.class);
        recorder.expect(Signal.CLOSED);
    }

    @Test
    void heartbeatsWithinTheReadTimeoutKeepAStreamOpenLongerThanTheTimeout() {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            server.then(exchange -> {
                exchange.stream();
                AtomicInteger sent = new AtomicInteger();
                pacer.scheduleAtFixedRate(() -> {
                    try {
                        if (sent.incrementAndGet() <= 15) {
                            exchange.write(":\n");
                        } else {
                            exchange.end();
                            throw new IllegalStateException("done"); // ends the repetition
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, 100, 100, TimeUnit.MILLISECONDS);
            }).then(noContent());
            // 1.5 s of heartbeats 100 ms apart: longer than the timeout, with room for a slow machine between two
            start(source().readTimeout(Duration.ofMillis(1000)));

            recorder.expect(Signal.OPEN);
            for (int i = 0; i < 15; i++) {
                recorder.expect(new Comment(""));
            }
            assertThat(recorder.next(ConnectionException.class)).hasMessage("the server ended the stream");
            recorder.expect(Signal.CLOSED);
        } finally {
            pacer.shutdownNow();
        }
    }

    // ---- history-gone ----

    @Test
    void historyGoneArrivesAsItsOwnCallback() {
        server.then(streamOf("event: history-gone\ndata: {\"lastEventId\":\"1-5\",\"channels\":[\"a\",\"sse\"]}\n\n"
                + "id: 2-0\ndata: still in history\n\n")).then(noContent());
        start(source().lastEventId("1-5"));

        recorder.expect(Signal.OPEN);
        recorder.expect(new HistoryGone("1-5", List.of("a", "sse")));
        recorder.expect(message("still in history", "2-0"));
    }

    // ---- closing and threads ----

    @Test
    void closeFromInsideACallbackEndsTheSourceAndItsThreads() {
        server.then(exchange -> exchange.stream().write("data: one\n\ndata: two\n\n").hold());
        EventSource[] self = new EventSource[1];
        Recorder closing = new Recorder() {
            @Override
            public void onEvent(ParsedEvent event) {
                super.onEvent(event);
                self[0].close();
            }
        };
        self[0] = EventSource.builder(server.uri("/stream")).listener(closing).retryPolicy(AT_ONCE).build();
        sources.add(self[0]);
        self[0].start();

        closing.expect(Signal.OPEN);
        closing.expect(message("one", ""));
        closing.expect(Signal.CLOSED);
        closing.assertNothingMore();
        assertThat(closing.threads).allMatch(name -> name.equals(self[0].threadNamePrefix() + "callbacks"));
        awaitNoThreadsOf(self[0]);
        server.nextRequest();
        server.assertNoMoreRequests();
    }

    @Test
    void closeWhileWaitingToReconnectCancelsTheReconnection() {
        server.then(streamOf("data: x\n\n"));
        EventSource source = start(source().retryPolicy(AT_ONCE.withInitialDelay(Duration.ofHours(1))));

        recorder.expect(Signal.OPEN);
        recorder.expect(message("x", ""));
        recorder.next(ConnectionException.class);
        source.close();

        recorder.expect(Signal.CLOSED);
        awaitNoThreadsOf(source);
        server.nextRequest();
        server.assertNoMoreRequests();
    }

    @Test
    void closeFromAnotherThreadEndsAnOpenStream() {
        server.then(exchange -> exchange.stream().write("data: x\n\n").hold());
        EventSource source = start(source());
        recorder.expect(Signal.OPEN);
        recorder.expect(message("x", ""));

        source.close();
        source.close();

        recorder.expect(Signal.CLOSED);
        recorder.assertNothingMore();
        awaitNoThreadsOf(source);
    }

    @Test
    void callbacksOnAGivenExecutorStillComeOneAtATimeInOrder() {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            stream.append("data: ").append(i).append("\n\n");
        }
        server.then(streamOf(stream.toString())).then(noContent());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            start(source().callbackExecutor(pool));

            recorder.expect(Signal.OPEN);
            for (int i = 0; i < 200; i++) {
                recorder.expect(message(Integer.toString(i), ""));
            }
            recorder.next(ConnectionException.class);
            recorder.expect(Signal.CLOSED);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSourceStartsOnce() {
        server.then(noContent());
        EventSource source = start(source());

        assertThatThrownBy(source::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("this EventSource was already started or closed; build another one to connect again");
    }

    // ---- the builder ----

    @Test
    void builderRefusesWhatCannotWork() {
        assertThatThrownBy(() -> EventSource.builder(URI.create("/stream"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an event stream's URI is absolute, http or https, with a host; got /stream");
        assertThatThrownBy(() -> EventSource.builder(URI.create("ftp://host/stream")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source().header("Last-Event-ID", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("set the first Last-Event-ID with lastEventId(id)");
        assertThatThrownBy(() -> source().header("Host", "elsewhere")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source().header("X-Bad", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source().lastEventId("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> source().readTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the read timeout must be positive, got PT0S");
        assertThatThrownBy(() -> source().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the connect timeout must be positive, got PT-1S");
        assertThatThrownBy(() -> EventSource.builder(server.uri("/stream")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an EventSource needs a listener: call listener(...) before build()");
    }

    private static void awaitNoThreadsOf(EventSource source) {
        await().atMost(Recorder.PATIENCE).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith(source.threadNamePrefix())));
    }
}
