package dev.herald.vertx;

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
 * The publish rate per client address over HTTP on the Vert.x routes' POST /publish. Each test has an application of
 * its own, so every address starts with its whole burst.
 */
class PublishRateIT {

    /** Two a second, in bursts of four. */
    private static final int RATE = 2;
    private MountedHerald app;

    @BeforeEach
    void start() throws Exception {
        app = MountedHerald.start(Herald.builder().limits(
                LimitsOptions.builder().maxStreams(100).maxStreamsPerClient(100).publishRate(RATE).build()));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> publish() {
        return TestHttp.post(app.events("/publish"), "{\"channel\":\"rate\",\"data\":\"x\"}");
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
    void anotherAddressHasItsOwnBudget() throws Exception {
        int status = 200;
        for (int i = 0; i < 100 && status == 200; i++) {
            status = publish().statusCode();
        }
        assertThat(status).as("127.0.0.1 spent its budget").isEqualTo(429);
        URI base = app.events();
        String body = "{\"channel\":\"rate\",\"data\":\"x\"}";
        try (RawSocket other = RawSocket.connect(base, "127.0.0.2")) {
            other.send("POST /events/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(other.readUntilClosed()).startsWith("HTTP/1.1 200 OK");
        }
    }
}
