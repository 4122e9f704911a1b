package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code herald.history} and {@code herald.latest-value-channels} in a real Spring Boot application, in the three
 * brokers (Redis on a private redis-server): the same behaviour as the server's ({@code HistoryIT}).
 */
class SpringHistoryIT {

    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static ConfigurableApplicationContext start(String broker) {
        List<String> args = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
                "--herald.broker=" + broker, "--herald.redis.url=" + redis.url(),
                "--herald.history=prices.*=1,1h; chat-*=3,1h", "--herald.latest-value-channels=prices.*"));
        return new SpringApplicationBuilder(TestApplication.class).run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis-pubsub", "redis-streams"})
    void aNewSubscriberOfALatestValueChannelGetsItsNewestEventThenLiveAndRulesCapHistory(String broker) {
        String prices = "prices." + broker + "-" + System.nanoTime();
        String chat = "chat-" + broker + "-" + System.nanoTime();
        try (ConfigurableApplicationContext app = start(broker)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HeraldPublisher publisher = app.getBean(HeraldPublisher.class);
            publisher.publish("1.07", null, prices).toCompletableFuture().join();
            publisher.publish("1.08", null, prices).toCompletableFuture().join();
            for (int i = 0; i < 5; i++) {
                publisher.publish("c" + i, null, chat).toCompletableFuture().join();
            }

            try (SseTestClient client = SseTestClient.connect(
                    URI.create("http://127.0.0.1:" + port + "/stream?channel=" + prices), Map.of())) {
                assertThat(client.next().data()).as("the latest value at once").isEqualTo("1.08");
                publisher.publish("1.09", null, prices).toCompletableFuture().join();
                assertThat(client.next().data()).isEqualTo("1.09");
                client.assertNoMoreEvents(Duration.ofMillis(300));
            }
            Polls.Answer newest = Polls.poll(URI.create("http://127.0.0.1:" + port + "/poll?channel=" + chat + "&rewind=10"));
            // Redis Streams trims whole stream nodes (MAXLEN ~): it keeps at least the rule's 3, here all five
            assertThat(newest.data()).hasSize(broker.equals("redis-streams") ? 5 : 3).endsWith("c2", "c3", "c4");

            JsonNode page = TestHttp.json(TestHttp.get(URI.create("http://127.0.0.1:" + port + "/history?channel=" + chat
                    + "&limit=2")));
            assertThat(page.path("events")).extracting(event -> event.path("data").asText()).containsExactly("c4", "c3");
            JsonNode older = TestHttp.json(TestHttp.get(URI.create("http://127.0.0.1:" + port + "/history?channel=" + chat
                    + "&limit=1&before=" + page.path("next").asText())));
            assertThat(older.path("events")).extracting(event -> event.path("data").asText()).containsExactly("c2");
        }
    }
}
