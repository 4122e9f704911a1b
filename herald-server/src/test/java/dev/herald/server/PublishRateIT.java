package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.limits.LimitsOptions;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publish rate per client address, shared by the routes' POST /publish and the server's POST /send_notification.
 * What the routes alone do over their budget is herald-vertx's {@code PublishRateIT}.
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
}
