package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The access log on a real server: one line per request when it ends, a stream's when it closes. */
class AccessLogIT {

    private RunningServer herald;
    private CapturedLog access;

    @BeforeEach
    void start() {
        access = CapturedLog.of(AccessLog.LOGGER, Level.INFO); // as --access-log does
        herald = RunningServer.start();
    }

    @AfterEach
    void stop() {
        herald.close();
        access.close();
    }

    /** A line's key-value pairs, the fields of the json format. */
    private static Map<String, Object> fields(ILoggingEvent line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        line.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        return fields;
    }

    @Test
    void aPublishGetsOneLineWithItsFields() {
        HttpResponse<String> published = TestHttp.post(herald.uri("/publish"), "{\"channel\":\"a\",\"data\":\"x\"}");
        assertThat(published.statusCode()).isEqualTo(200);

        ILoggingEvent line = access.awaitEvent();
        assertThat(line.getLevel().toString()).isEqualTo("INFO");
        Map<String, Object> fields = fields(line);
        assertThat(fields).containsOnlyKeys("client", "method", "path", "status", "bytes", "durationMs")
                .containsEntry("client", "127.0.0.1").containsEntry("method", "POST").containsEntry("path", "/publish")
                .containsEntry("status", 200)
                .containsEntry("bytes", (long) published.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat((long) fields.get("durationMs")).isNotNegative();
        assertThat(line.getFormattedMessage()).isEqualTo("127.0.0.1 POST /publish 200 " + fields.get("bytes")
                + " bytes " + fields.get("durationMs") + " ms");
        access.assertNothingLogged();
    }

    @Test
    void aRefusalIsLoggedWithItsStatusAndATokenInTheQueryIsRedacted() {
        String token = "eyJhbGciOiJIUzI1NiJ9.hunter2.signature";
        assertThat(TestHttp.get(herald.uri("/nowhere?access_token=" + token + "&channel=a")).statusCode())
                .isEqualTo(404);
        Map<String, Object> fields = fields(access.awaitEvent());
        assertThat(fields).containsEntry("method", "GET").containsEntry("status", 404)
                .containsEntry("path", "/nowhere?access_token=REDACTED&channel=a");
        assertThat(fields.toString()).doesNotContain("hunter2");
    }

    @Test
    void aStreamsLineComesWhenItClosesWithItsLifetime() throws Exception {
        long openedNanos;
        long closedNanos;
        try (SseTestClient stream = SseTestClient.connect(herald.uri("/stream?channel=a"))) {
            openedNanos = System.nanoTime();
            assertThat(stream.status()).isEqualTo(200);
            TestHttp.post(herald.uri("/publish"), "{\"channel\":\"a\",\"data\":\"while open\"}");
            assertThat(stream.next().data()).isEqualTo("while open");
            assertThat(fields(access.awaitEvent())).containsEntry("path", "/publish");
            access.assertNothingLogged(); // the stream is open: no line of its own yet
            closedNanos = System.nanoTime();
        }

        Map<String, Object> fields = fields(access.awaitEvent());
        assertThat(fields).containsEntry("method", "GET").containsEntry("path", "/stream?channel=a")
                .containsEntry("status", 200);
        assertThat((long) fields.get("bytes")).as("the frames sent").isGreaterThan("data: while open\n\n".length());
        assertThat((long) fields.get("durationMs")).as("at least the time it was open")
                .isGreaterThanOrEqualTo(TimeUnit.NANOSECONDS.toMillis(closedNanos - openedNanos));
    }

    @Test
    void behindATrustedProxyTheLineNamesTheForwardedClientAsTheLimitsDo() {
        herald.close();
        herald = RunningServer.start(HeraldConfig.defaults().withLimits(LimitsOptions.builder()
                .trustedProxies("127.0.0.1").build()));
        HttpResponse<String> published = TestHttp.postJson(herald.uri("/publish"), "{\"channel\":\"a\",\"data\":\"x\"}",
                "X-Forwarded-For", "198.51.100.7, 127.0.0.1");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(fields(access.awaitEvent())).containsEntry("client", "198.51.100.7");

        assertThat(TestHttp.request("GET", herald.uri("/stream?channel=a"), "Forwarded", "for=\"unclosed")
                .statusCode()).as("an unreadable header from a trusted proxy").isEqualTo(400);
        assertThat(fields(access.awaitEvent())).as("the refused request is logged under its peer")
                .containsEntry("client", "127.0.0.1").containsEntry("status", 400);
    }
}
