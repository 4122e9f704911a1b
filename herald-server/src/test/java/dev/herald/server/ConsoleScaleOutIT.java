package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's status across nodes on one real Redis, in both modes: each node's status stream shows every node, by
 * the id its operator gave it, and what the status reports of each is its own.
 */
class ConsoleScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final NodesOnRedis redis = new NodesOnRedis();

    private RunningServer node(RedisMode mode, String id) {
        return redis.node(mode, 100, config -> config.withConsole(config.console(), id));
    }

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void eachNodesStatusStreamShowsBothNodes(RedisMode mode) throws Exception {
        try (RunningServer a = node(mode, "node-a"); RunningServer b = node(mode, "node-b")) {
            Map<String, JsonNode> seenOnA = new ConcurrentHashMap<>();
            Map<String, JsonNode> seenOnB = new ConcurrentHashMap<>();
            try (SseTestClient onA = SseTestClient.connect(a.uri("/console/status"), Map.of(), event -> record(event, seenOnA));
                 SseTestClient onB = SseTestClient.connect(b.uri("/console/status"), Map.of(), event -> record(event, seenOnB));
                 SseTestClient reader = SseTestClient.connect(b.uri("/stream?channel=only-on-b"))) {
                assertThat(onA.status()).isEqualTo(200);
                assertThat(onB.status()).isEqualTo(200);
                assertThat(reader.status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    assertThat(seenOnA.keySet()).isEqualTo(Set.of("node-a", "node-b"));
                    assertThat(seenOnB.keySet()).isEqualTo(Set.of("node-a", "node-b"));
                    // node-b's own status, seen from node-a: its stream on only-on-b, which node-a does not have
                    assertThat(seenOnA.get("node-b").path("topChannels").toString()).contains("only-on-b");
                    assertThat(seenOnA.get("node-a").path("topChannels").toString()).doesNotContain("only-on-b");
                });
                for (JsonNode status : seenOnA.values()) {
                    assertThat(status.path("broker").asText()).isEqualTo(mode.kind());
                    assertThat(status.path("brokerConnected").asBoolean()).isTrue();
                }
            }
            assertThat(TestHttp.get(a.uri("/metrics")).body()).as("announcements are not publishes")
                    .containsPattern("(?m)^herald_events_published_total(\\{[^}]*\\})? 0\\.0$");
        }
    }

    private static void record(ParsedEvent event, Map<String, JsonNode> seen) {
        try {
            JsonNode status = JSON.readTree(event.data());
            seen.put(status.path("node").asText(), status);
        } catch (Exception e) {
            throw new AssertionError("a status that is not JSON: " + event.data(), e);
        }
    }
}
