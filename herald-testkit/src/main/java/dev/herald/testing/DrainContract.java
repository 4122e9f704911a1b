package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How every adapter stops, over real HTTP: it drains. Each test starts a node of its own ({@link #startNode()}) with
 * a drain time of {@link #DRAIN_TIME} and a retry of {@link #RETRY_MILLIS}, opens streams and polls, and stops it
 * as the adapter is stopped in production ({@link #stopNode()}: SIGTERM's path, the application context's close):
 * the streams end at different instants within the window, each after a last {@code retry} from retry to twice it; a
 * waiting long poll is answered at once with its cursor; the stop ends within the window and a margin. (That events
 * reach a stream until it ends is the hub's promise, held by its own tests, where the instant of an end is known.)
 */
public abstract class DrainContract {

    public static final Duration DRAIN_TIME = Duration.ofSeconds(1);
    public static final long RETRY_MILLIS = 400;
    /** What a stop may take beyond the window: closing the broker, the servers, the loops. */
    public static final Duration MARGIN = Duration.ofSeconds(4);

    private static final int STREAMS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private URI base;

    /**
     * Starts a fresh node with {@link #DRAIN_TIME} and {@link #RETRY_MILLIS}, a memory broker, and per-address limits
     * that these tests do not reach; returns where {@code stream}, {@code poll} and {@code publish} are, without a final
     * slash.
     */
    protected abstract URI startNode() throws Exception;

    /** Stops the node as the adapter is stopped in production; returns once it has stopped. */
    protected abstract void stopNode() throws Exception;

    /** Streams and polls the node holds open now. */
    protected abstract long openOnNode();

    @BeforeEach
    void start() throws Exception {
        base = startNode();
    }

    @AfterEach
    void stopIfStillRunning() throws Exception {
        if (base != null) {
            stopNode();
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    private String publish(String channel, String data) throws IOException {
        HttpResponse<String> response = TestHttp.post(uri("/publish"),
                JSON.writeValueAsString(Map.of("channel", channel, "data", data)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** Stops the node on a thread of its own; completes with how long the stop took. */
    private CompletableFuture<Duration> stopInBackground() {
        CompletableFuture<Duration> took = new CompletableFuture<>();
        long start = System.nanoTime();
        Thread stopping = new Thread(() -> {
            try {
                stopNode();
                base = null;
                took.complete(Duration.ofNanos(System.nanoTime() - start));
            } catch (Throwable e) {
                took.completeExceptionally(e);
            }
        }, "stopping-node");
        stopping.start();
        return took;
    }

    @Test
    void streamsEndAtDifferentInstantsWithinTheWindowEachAfterALastRetry() throws Exception {
        List<SseTestClient> clients = new ArrayList<>();
        List<CompletableFuture<Long>> endedAfterMillis = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                SseTestClient client = SseTestClient.connect(uri("/stream?channel=drain-" + i));
                assertThat(client.nextRetry()).as("the opening retry").isEqualTo(RETRY_MILLIS);
                clients.add(client);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> openOnNode() == STREAMS);
            long start = System.nanoTime();
            for (SseTestClient client : clients) {
                endedAfterMillis.add(client.ended().handle((ok, error) -> (System.nanoTime() - start) / 1_000_000));
            }

            CompletableFuture<Duration> stopped = stopInBackground();

            List<Long> ends = new ArrayList<>();
            for (CompletableFuture<Long> ended : endedAfterMillis) {
                ends.add(ended.get(DRAIN_TIME.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS));
            }
            // The server ends each within the window; a second more is what a loaded machine may take to show it here.
            assertThat(ends).as("every stream ended within the window").allSatisfy(after ->
                    assertThat(after).isLessThan(DRAIN_TIME.toMillis() + 1_000));
            assertThat(ends.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - ends.stream().mapToLong(Long::longValue).min().orElseThrow())
                    .as("the ends are spread over the window, not at once: " + ends)
                    .isGreaterThan(DRAIN_TIME.toMillis() / 4);
            for (SseTestClient client : clients) {
                assertThat(client.nextRetry()).as("a last retry before the end")
                        .isBetween(RETRY_MILLIS, 2 * RETRY_MILLIS);
            }
            assertThat(stopped.get(DRAIN_TIME.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS))
                    .as("the node stops within the window and a margin").isLessThan(DRAIN_TIME.plus(MARGIN));
        } finally {
            clients.forEach(SseTestClient::close);
        }
    }

    @Test
    void aWaitingLongPollIsAnsweredAtOnceWithItsCursor() throws Exception {
        String cursor = publish("drain-poll", "before the stop");
        String query = "/poll?channel=drain-poll&wait=30&since=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        CompletableFuture<HttpResponse<String>> waiting = Polls.send(uri(query));
        await().atMost(Duration.ofSeconds(5)).until(() -> openOnNode() == 1);
        assertThat(waiting).as("the long poll waits").isNotDone();

        long start = System.nanoTime();
        CompletableFuture<Duration> stopped = stopInBackground();

        HttpResponse<String> answered = waiting.get(DRAIN_TIME.toMillis() / 2, TimeUnit.MILLISECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DRAIN_TIME.dividedBy(2));
        Polls.Answer answer = Polls.answerOf(answered);
        assertThat(answer.events()).isEmpty();
        assertThat(answer.next()).isEqualTo(cursor);
        assertThat(stopped.get(DRAIN_TIME.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS))
                .as("with no stream left, the stop does not wait for the window").isLessThan(MARGIN);
    }
}
