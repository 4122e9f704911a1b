package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.publish.Publication;
import dev.herald.testing.SseTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application drains every stream within {@code herald.drain-time}, cleanly (clients reconnect elsewhere),
 * and closes the broker.
 */
class ShutdownIT {

    @Test
    void closingTheApplicationEndsStreamsWithinTheDrainTimeRatherThanTheGracefulShutdownsTimeout() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=0", "--server.shutdown=graceful",
                "--spring.lifecycle.timeout-per-shutdown-phase=30s", "--herald.drain-time=2s");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HeraldNode node = app.getBean(HeraldNode.class);
        try (SseTestClient client = SseTestClient.connect(URI.create("http://127.0.0.1:" + port + "/stream?channel=news"))) {
            client.nextRetry();
            long start = System.nanoTime();
            app.close();
            // An open stream is a request in progress: had the drain not ended it within its 2 s, the graceful shutdown
            // would have waited the whole 30 s for it.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            client.ended().get(5, TimeUnit.SECONDS); // ended normally, not cut: the client reconnects
        }
        assertThat(node.publisher().publish(Publication.of("notify", "late")).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }
}
