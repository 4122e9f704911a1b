package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.DrainContract;
import dev.herald.testing.SseTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The drain contract on the starter, stopped as Spring stops an application: the context closed, with Boot's graceful
 * shutdown and a 30 s phase timeout. Were the streams not ended within the drain window, the graceful shutdown would
 * wait for them until its timeout, and the contract's stop (window and margin) would fail.
 */
class SpringDrainIT extends DrainContract {

    private ConfigurableApplicationContext app;

    @Override
    protected URI startNode() {
        app = new SpringApplicationBuilder(TestApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=0", "--server.shutdown=graceful",
                "--spring.lifecycle.timeout-per-shutdown-phase=30s", "--herald.heartbeat=200ms",
                "--herald.retry=" + RETRY_MILLIS + "ms", "--herald.drain-time=" + DRAIN_TIME.toMillis() + "ms",
                "--herald.max-streams-per-client=10000", "--herald.publish-rate=100000");
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @Override
    protected void stopNode() {
        app.close();
    }

    @Override
    protected long openOnNode() {
        return app.getBean(HeraldNode.class).hub().stats().connections();
    }

    @Test
    void healthIsOutOfServiceWhileTheNodeDrains() throws Exception {
        HealthIndicator health = app.getBean("heraldHealthIndicator", HealthIndicator.class);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        URI base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
        try (SseTestClient client = SseTestClient.connect(URI.create(base + "/stream?channel=health"))) {
            client.nextRetry();
            await().atMost(Duration.ofSeconds(5)).until(() -> openOnNode() == 1);

            CompletableFuture<Void> drained = app.getBean(HeraldNode.class).node().drain().toCompletableFuture();

            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            drained.get(DRAIN_TIME.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
