package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.cluster.ClusterSeeds;
import dev.herald.redis.testing.RedisClusterProcess;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two Herald nodes on a real Redis Cluster (3 masters, 3 replicas) in sharded Pub/Sub mode. */
class ClusterScaleOutIT {

    private static RedisClusterProcess cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    static RunningServer node(RedisClusterProcess on) {
        return RunningServer.start(HeraldConfig.defaults()
                .withBroker(new BrokerOptions.RedisClusterPubSub(ClusterSeeds.parse(on.seedList()),
                        HistoryPolicy.defaults()))
                .withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3))));
    }

    @Test
    void eventsOnChannelsOfEachMasterReachTheClientsOfTheOtherNodeEachChannelInOrder() {
        List<String> channels = new ArrayList<>();
        cluster.masters().forEach(master -> channels.add(cluster.nameOn(master, "orders-")));
        String query = "/stream?channel=" + String.join("&channel=", channels);
        try (RunningServer a = node(cluster);
             RunningServer b = node(cluster);
             SseTestClient onB = SseTestClient.connect(b.uri(query))) {
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> published = TestHttp.post(a.uri("/publish"),
                        "{\"channel\":\"" + channels.get(i % 3) + "\",\"data\":\"" + i + "\"}");
                assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
            }

            List<Integer> received = onB.next(12).stream().map(event -> Integer.parseInt(event.data())).toList();
            assertThat(received).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            for (int c = 0; c < 3; c++) {
                int channel = c;
                assertThat(received.stream().filter(n -> n % 3 == channel).toList())
                        .as("each channel's events in order (no order between shards)").isSorted();
            }
            onB.assertNoMoreEvents(Duration.ofMillis(300));
            for (RedisClusterProcess.Node master : cluster.masters()) {
                String channel = channels.get(cluster.masters().indexOf(master));
                assertThat(cluster.command(master, "PUBSUB", "SHARDNUMSUB", channel).trim().split("\n")[1])
                        .as("node B's subscription to " + channel + " is on the master owning it, beside node A's "
                                + "(held for --redis-linger after its publishes)").isEqualTo("2");
            }
        }
    }

    @Test
    void aPatternStreamIsRefusedWith400AsTheBrokerMatchesNoPatterns() {
        try (RunningServer a = node(cluster)) {
            HttpResponse<String> refused = TestHttp.get(a.uri("/stream?channel=orders.*"));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).startsWith("{\"status\":\"error\",\"message\":\"channel pattern \\\"orders.*\\\"")
                    .contains("does not match patterns");
        }
    }
}
