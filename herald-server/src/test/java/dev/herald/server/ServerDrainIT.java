package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.DrainContract;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The drain contract on the server, stopped as its SIGTERM hook stops it ({@link HeraldServer#stop()}), with a
 * management port of its own, whose {@code /ready} answers 503 through the drain.
 */
class ServerDrainIT extends DrainContract {

    private HeraldServer server;

    @Override
    protected URI startNode() throws Exception {
        HeraldConfig config = HeraldConfig.defaults().withPort(0)
                .withHub(new HubOptions(Duration.ofMillis(200), Duration.ofMillis(RETRY_MILLIS), Duration.ofSeconds(30),
                        DRAIN_TIME))
                .withLimits(LimitsOptions.builder().maxStreamsPerClient(10_000).publishRate(100_000).build())
                .withManagement(ManagementOptions.defaults().withPort(0));
        server = HeraldServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    protected void stopNode() throws Exception {
        server.stop().toCompletableFuture().get(server.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected long openOnNode() {
        return server.herald().stats().streamsOpen();
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + server.managementPort().getAsInt() + path);
    }

    @Test
    void readinessIsDownThroughTheDrainWhileHealthStaysUp() throws Exception {
        assertThat(TestHttp.get(management("/ready")).statusCode()).isEqualTo(200);
        try (SseTestClient client = SseTestClient.connect(URI.create("http://127.0.0.1:" + server.port()
                + "/stream?channel=ready"))) {
            client.nextRetry();
            await().atMost(Duration.ofSeconds(5)).until(() -> openOnNode() == 1);
            URI ready = management("/ready");
            URI health = management("/health");

            CompletionStage<Void> stopped = server.herald().drain();

            HttpResponse<String> draining = TestHttp.get(ready);
            assertThat(draining.statusCode()).isEqualTo(503);
            assertThat(draining.body()).isEqualTo("{\"status\":\"DOWN\",\"draining\":true}");
            assertThat(TestHttp.get(health).statusCode()).isEqualTo(200);
            stopped.toCompletableFuture().get(DRAIN_TIME.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
