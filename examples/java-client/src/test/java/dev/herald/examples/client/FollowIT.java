package dev.herald.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.EventSource;
import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java client example of docs/java-client.md, run against a real Herald on loopback: the seed's notification reaches it. */
class FollowIT {

    @Test
    void theExampleReceivesTheSeedsNotification() throws Exception {
        HeraldServer herald = HeraldServer.start(HeraldConfig.defaults().withPort(0))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        URI base = URI.create("http://127.0.0.1:" + herald.port() + "/");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (EventSource source = Follow.follow(base, lines::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> herald.herald().stats().streamsOpen() == 1);

            HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/send_notification"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"Hello World\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("notify {\"message\":\"Hello World\"}");
            assertThat(source.lastEventId()).isNotEmpty();
            assertThat(lines.poll(200, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            herald.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
