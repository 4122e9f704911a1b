package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.cluster.ClusterSeeds;
import dev.herald.redis.cstreams.PartitionedStreamsBroker;
import dev.herald.redis.cstreams.ReplicaWait;
import dev.herald.redis.testing.RedisClusterProcess;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Herald nodes over real HTTP on a real Redis Cluster (3 masters, 3 replicas) in Streams mode, with WAIT 1: a
 * stream over channels of three partitions gets a cursor as its id, and resumes from it on the other node, by header and by poll.
 */
class ClusterStreamsIT {

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
        HistoryPolicy history = HistoryPolicy.defaults();
        return RunningServer.start(HeraldConfig.defaults()
                .withBroker(new BrokerOptions.RedisClusterStreams(ClusterSeeds.parse(on.seedList()),
                        history.maxEvents(), history.rules(), new ReplicaWait(1, Duration.ofSeconds(2))))
                .withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3))));
    }

    @Test
    void aStreamAcrossPartitionsResumesOnTheOtherNodeFromItsCursor() {
        List<String> channels = new ArrayList<>();
        java.util.Set<Integer> partitions = new java.util.HashSet<>();
        for (int i = 0; channels.size() < 3; i++) {
            if (partitions.add(PartitionedStreamsBroker.partitionOf("orders-" + i))) {
                channels.add("orders-" + i);
            }
        }
        String query = "/stream?channel=" + String.join("&channel=", channels);
        try (RunningServer a = node(cluster); RunningServer b = node(cluster)) {
            String cursor;
            try (SseTestClient onB = SseTestClient.connect(b.uri(query))) {
                publish(a, channels, 0, 6);
                List<ParsedEvent> received = onB.next(6);
                assertThat(received).extracting(ParsedEvent::data).containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5");
                for (String channel : channels) {
                    int at = channels.indexOf(channel);
                    assertThat(received.stream().map(ParsedEvent::data).filter(d -> Integer.parseInt(d) % 3 == at))
                            .as("%s in its order", channel).isSorted();
                }
                cursor = received.get(5).lastEventId();
                assertThat(cursor).startsWith("~").contains("~", "~");
            }
            publish(b, channels, 6, 9);

            try (SseTestClient onA = SseTestClient.connect(a.uri(query), Map.of("Last-Event-ID", cursor))) {
                assertThat(onA.next(3)).extracting(ParsedEvent::data).containsExactlyInAnyOrder("6", "7", "8");
                onA.assertNoMoreEvents(Duration.ofMillis(300));
            }
            HttpResponse<String> polled = TestHttp.get(a.uri(query.replace("/stream", "/poll") + "&since="
                    + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
            assertThat(polled.body()).contains("\"data\":\"6\"", "\"data\":\"7\"", "\"data\":\"8\"")
                    .doesNotContain("\"data\":\"5\"");
            String next = polled.body().replaceAll(".*\"next\":\"([^\"]*)\".*", "$1");
            assertThat(next).as("the poll's next cursor names the three partitions").matches("(~[0-9a-z]+){3}");
        }
    }

    @Test
    void aPublisherIdOfTheCursorFormIsRefused() {
        try (RunningServer a = node(cluster)) {
            HttpResponse<String> refused = TestHttp.post(a.uri("/publish"),
                    "{\"channel\":\"c\",\"id\":\"~3abc\",\"data\":\"x\"}");

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("has the form of Herald's cursors");
        }
    }

    private static void publish(RunningServer on, List<String> channels, int from, int to) {
        for (int i = from; i < to; i++) {
            HttpResponse<String> published = TestHttp.post(on.uri("/publish"),
                    "{\"channel\":\"" + channels.get(i % 3) + "\",\"data\":\"" + i + "\"}");
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        }
    }
}
