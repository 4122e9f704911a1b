package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.StoredEvent;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.redis.RedisClients;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (a hub over a partitioned Streams broker each) on one real redis-server: a stream whose channels lie in
 * different partitions carries a cursor naming both, and resumes from it on the other node with no gap and no
 * duplicate, also while both nodes publish.
 */
class PartitionedHubIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String NEWS = "news";
    private static final String SPORT = PartitionedStreamsBrokerIT.otherPartitionThan(NEWS);

    private static RedisServerProcess redis;
    private static Vertx vertx;
    private final List<PartitionedStreamsBroker> brokers = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    private Node a;
    private Node b;

    private record Node(PartitionedStreamsBroker broker, Hub hub) {
    }

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    @BeforeEach
    void startNodes() throws Exception {
        a = node();
        b = node();
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Hub hub : hubs) {
            hub.closeStreams().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
        brokers.forEach(PartitionedStreamsBroker::close);
        threads.forEach(ExecutorService::shutdownNow);
    }

    @Test
    void aStreamOnOneChannelCarriesEachEventsOwnId() throws Exception {
        StreamClient client = new StreamClient(threads);
        client.subscribe(a.hub(), null, NEWS);
        assertThat(client.next().data()).as("the resume point first").isNull();

        StoredEvent published = publish(b, NEWS, "hello");

        assertThat(client.next()).isEqualTo(new StreamClient.Frame(published.event().id(), "hello"));
        assertThat(Cursor.parse(published.event().id())).containsOnlyKeys(Partitions.of(NEWS));
    }

    @Test
    void aStreamAcrossPartitionsResumesOnTheOtherNodeFromItsCursor() throws Exception {
        StreamClient client = new StreamClient(threads);
        client.subscribe(a.hub(), null, NEWS, SPORT);
        assertThat(client.next().data()).isNull();
        for (String data : List.of("n1", "s1", "n2", "s2")) {
            publish(b, data.startsWith("n") ? NEWS : SPORT, data);
        }
        List<StreamClient.Frame> seen = client.next(4);
        assertThat(seen).extracting(StreamClient.Frame::data).containsExactly("n1", "s1", "n2", "s2");
        assertThat(seen).allSatisfy(frame ->
                assertThat(Cursor.parse(frame.id())).containsOnlyKeys(Partitions.of(NEWS), Partitions.of(SPORT)));
        client.cancel();

        for (String data : List.of("n3", "s3", "n4")) {
            publish(a, data.startsWith("n") ? NEWS : SPORT, data);
        }
        StreamClient back = new StreamClient(threads);
        back.subscribe(b.hub(), seen.get(3).id(), NEWS, SPORT);
        publish(a, SPORT, "s4");

        assertThat(back.next(4)).extracting(StreamClient.Frame::data).containsExactly("n3", "s3", "n4", "s4");
        back.assertNothingMore();
    }

    @Test
    void whileBothNodesPublishAStreamCutOffAndResumedElsewhereMissesAndRepeatsNothing() throws Exception {
        int each = 150;
        StreamClient whole = new StreamClient(threads);
        whole.subscribe(a.hub(), null, NEWS, SPORT);
        StreamClient cut = new StreamClient(threads);
        cut.subscribe(a.hub(), null, NEWS, SPORT);
        assertThat(whole.next().data()).isNull();
        assertThat(cut.next().data()).isNull();

        ExecutorService publishers = Executors.newFixedThreadPool(2);
        threads.add(publishers);
        List<Future<?>> running = new ArrayList<>();
        for (Node node : List.of(a, b)) {
            String name = node == a ? "a" : "b";
            running.add(publishers.submit(() -> {
                for (int i = 0; i < each; i++) {
                    String channel = i % 2 == 0 ? NEWS : SPORT;
                    publish(node, channel, channel + "/" + name + i);
                }
                return null;
            }));
        }
        List<StreamClient.Frame> before = cut.next(each / 2);
        cut.cancel();
        StreamClient resumed = new StreamClient(threads);
        resumed.subscribe(b.hub(), before.get(before.size() - 1).id(), NEWS, SPORT);
        for (Future<?> publishing : running) {
            publishing.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }

        List<String> all = whole.next(2 * each).stream().map(StreamClient.Frame::data).toList();
        List<String> pieced = new ArrayList<>(before.stream().map(StreamClient.Frame::data).toList());
        pieced.addAll(resumed.next(2 * each - before.size()).stream().map(StreamClient.Frame::data).toList());
        assertThat(pieced).as("every event once").containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
        for (String channel : List.of(NEWS, SPORT)) {
            for (String publisher : List.of("/a", "/b")) {
                String prefix = channel + publisher;
                assertThat(pieced.stream().filter(d -> d.startsWith(prefix)).toList()).as(prefix + " in order")
                        .isEqualTo(all.stream().filter(d -> d.startsWith(prefix)).toList());
            }
        }
        resumed.assertNothingMore();
        whole.assertNothingMore();
    }

    // ---- helpers ----

    private Node node() throws Exception {
        PartitionedStreamsBroker broker = PartitionedStreamsBroker.connect(vertx, RedisClients.options(redis.url()),
                1000, List.of(), BrokerConnection.untracked()).toCompletionStage().toCompletableFuture()
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        brokers.add(broker);
        Hub hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofMillis(2500)));
        hubs.add(hub);
        return new Node(broker, hub);
    }

    private static StoredEvent publish(Node node, String channel, String data) throws Exception {
        return node.broker().publish(new AdmittedEvent(channel, SseEvent.of(null, data))).toCompletableFuture()
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
