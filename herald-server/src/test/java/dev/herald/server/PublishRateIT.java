package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.limits.LimitsOptions;
import dev.herald.testing.RawSocket;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publish rate per client address over HTTP, shared by POST /publish and POST /send_notification. Each test has a
 * server of its own, so every address starts with its whole burst.
 */
class PublishRateIT {

    /** Two a second, in bursts of four. */
    private static final int RATE = 2;
    private RunningServer herald;

    @BeforeEach
    void start() {
        herald = RunningServer.start(HeraldConfig.defaults().withLimits(
                LimitsOptions.builder().maxStreams(100).maxStreamsPerClient(100).publishRate(RATE).build()));
    }

    @AfterEach
    void stop() {
        herald.close();
    }

    private HttpResponse<String> publish() {
        return TestHttp.post(herald.uri("/publish"), "{\"channel\":\"rate\",\"data\":\"x\"}");
    }

    private HttpResponse<String> notification() {
        return TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"x\"}");
    }

    @Test
    void publishesOverTheBurstAreRefusedWith429AndServedAgainOnceTokensComeBack() {
        long started = System.nanoTime();
        int served = 0;
        HttpResponse<String> refused = null;
        while (refused == null && served < 100) {
            HttpResponse<String> response = publish();
            if (response.statusCode() == 200) {
                served++;
            } else {
                refused = response;
            }
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(served).as("the burst, plus what came back in %.2f s", elapsedSeconds)
                .isBetween(2 * RATE, 2 * RATE + (int) Math.ceil(elapsedSeconds * RATE));
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Too many publish requests from this "
                + "client address: at most 2 a second; retry after 1 s\"}");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> publish().statusCode() == 200);
    }

    @Test
    void bothPublishEndpointsDrawOnOneBudget() {
        long started = System.nanoTime();
        int served = 0;
        int refusedPublish = 0;
        int refusedNotification = 0;
        for (int i = 0; i < 12; i++) {
            int status = (i % 2 == 0 ? notification() : publish()).statusCode();
            if (status == 200) {
                served++;
            } else {
                assertThat(status).isEqualTo(429);
                if (i % 2 == 0) {
                    refusedNotification++;
                } else {
                    refusedPublish++;
                }
            }
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        // Two budgets would serve at least eight of the first requests; one serves its burst and what came back since.
        assertThat(served).as("served in %.2f s", elapsedSeconds)
                .isLessThanOrEqualTo(2 * RATE + (int) Math.ceil(elapsedSeconds * RATE));
        assertThat(refusedNotification).isPositive();
        assertThat(refusedPublish).isPositive();
    }

    @Test
    void anotherAddressHasItsOwnBudget() throws Exception {
        int status = 200;
        for (int i = 0; i < 100 && status == 200; i++) {
            status = publish().statusCode();
        }
        assertThat(status).as("127.0.0.1 spent its budget").isEqualTo(429);
        URI base = herald.uri("/");
        String body = "{\"channel\":\"rate\",\"data\":\"x\"}";
        try (RawSocket other = RawSocket.connect(base, "127.0.0.2")) {
            other.send("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(other.readUntilClosed()).startsWith("HTTP/1.1 200 OK");
        }
    }
}
