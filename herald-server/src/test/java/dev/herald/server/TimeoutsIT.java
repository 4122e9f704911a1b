package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.RawSocket;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.vertx.JsonHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients are disconnected: a request head or body that does not arrive within the request timeout, a
 * keep-alive connection idle for the idle timeout. Streams are not, though their heartbeats come further apart.
 */
class TimeoutsIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than the idle timeout: a stream is quiet for longer than a connection may be idle. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(3);
    /** What a timer and a loaded machine may add to a deadline. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start(HeraldConfig.defaults()
                .withHub(new HubOptions(HEARTBEAT, Duration.ofSeconds(3)))
                .withTimeouts(new TimeoutOptions(REQUEST_TIMEOUT, IDLE_TIMEOUT)));
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Test
    void aConnectionThatSendsHalfARequestHeadIsClosedWithinTheRequestTimeout() throws Exception {
        try (RawSocket slowloris = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            long started = System.nanoTime();
            slowloris.send("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            assertThat(slowloris.readUntilClosed()).as("no head, nothing to answer").isEmpty();
            assertThat(since(started)).isBetween(REQUEST_TIMEOUT.minusMillis(100), REQUEST_TIMEOUT.plus(SLACK));
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedWithinTheRequestTimeout() throws Exception {
        try (RawSocket silent = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            long started = System.nanoTime();
            assertThat(silent.readUntilClosed()).isEmpty();
            assertThat(since(started)).isBetween(REQUEST_TIMEOUT.minusMillis(100), REQUEST_TIMEOUT.plus(SLACK));
        }
    }

    @Test
    void aBodyThatDoesNotArriveWithinTheRequestTimeoutIsAnswered408AndTheConnectionClosed() throws Exception {
        try (CapturedLog log = CapturedLog.of(JsonHttp.class); RawSocket slow = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            long started = System.nanoTime();
            slow.send("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"data\":");
            String response = slow.readUntilClosed();
            assertThat(since(started)).isBetween(REQUEST_TIMEOUT.minusMillis(100), REQUEST_TIMEOUT.plus(SLACK));
            assertThat(response).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("\r\nconnection: close\r\n")
                    .endsWith("\r\n\r\n{\"status\":\"error\",\"message\":\"The request body did not arrive within 1s of its head\"}");
            assertThat(TestHttp.post(herald.uri("/publish"), "{\"data\":\"after\"}").statusCode()).isEqualTo(200);
            log.assertNothingLogged();
        }
    }

    @Test
    void aClientThatLeavesInTheMiddleOfABodyIsNoServerError() throws Exception {
        try (CapturedLog log = CapturedLog.of(JsonHttp.class)) {
            try (RawSocket leaving = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
                leaving.send("POST /send_notification HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"message\":");
            }
            assertThat(TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"after\"}").statusCode()).isEqualTo(200);
            log.assertNothingLogged();
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawSocket keepAlive = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            keepAlive.get("/favicon.svg");
            String head = keepAlive.readHead();
            assertThat(head).startsWith("HTTP/1.1 200 OK");
            keepAlive.readBody(contentLength(head));
            long answered = System.nanoTime();

            keepAlive.get("/favicon.svg");
            assertThat(keepAlive.readHead()).as("a second request in time is served").startsWith("HTTP/1.1 200 OK");
            keepAlive.readBody(contentLength(head));
            long idleFrom = System.nanoTime();
            assertThat(since(answered)).isLessThan(IDLE_TIMEOUT);

            assertThat(keepAlive.readUntilClosed()).isEmpty();
            assertThat(since(idleFrom)).isBetween(IDLE_TIMEOUT.minusMillis(100), IDLE_TIMEOUT.plus(SLACK));
        }
    }

    private static int contentLength(String head) {
        return Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length: *(\\d+)\r\n.*", "$1"));
    }

    @Test
    void aStreamQuietForLongerThanTheIdleTimeoutStaysOpen() {
        try (SseTestClient stream = SseTestClient.connect(herald.uri("/stream?channel=quiet"))) {
            assertThat(stream.nextRetry()).isEqualTo(3000);
            await().during(IDLE_TIMEOUT.plusMillis(500)).atMost(IDLE_TIMEOUT.plus(SLACK)).until(() -> !stream.ended().isDone());
            assertThat(stream.nextComment()).as("the heartbeat, %s apart", HEARTBEAT).isEmpty();

            assertThat(TestHttp.post(herald.uri("/publish"), "{\"channel\":\"quiet\",\"data\":\"later\"}").statusCode())
                    .isEqualTo(200);
            assertThat(stream.next().data()).isEqualTo("later");
            assertThat(stream.ended()).isNotDone();
        }
    }
}
