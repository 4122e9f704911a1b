package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.StoredEvent;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.hub.HubSubscription;
import dev.herald.hub.SseSink;
import dev.herald.redis.RedisClients;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
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

    /** A frame's id line and data line; either {@code null} when absent. */
    private record Frame(String id, String data) {
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
        Client client = new Client();
        client.subscribe(a, null, NEWS);
        assertThat(client.next().data()).as("the resume point first").isNull();

        StoredEvent published = publish(b, NEWS, "hello");

        assertThat(client.next()).isEqualTo(new Frame(published.event().id(), "hello"));
        assertThat(Cursor.parse(published.event().id())).containsOnlyKeys(Partitions.of(NEWS));
    }

    @Test
    void aStreamAcrossPartitionsResumesOnTheOtherNodeFromItsCursor() throws Exception {
        Client client = new Client();
        client.subscribe(a, null, NEWS, SPORT);
        assertThat(client.next().data()).isNull();
        for (String data : List.of("n1", "s1", "n2", "s2")) {
            publish(b, data.startsWith("n") ? NEWS : SPORT, data);
        }
        List<Frame> seen = client.next(4);
        assertThat(seen).extracting(Frame::data).containsExactly("n1", "s1", "n2", "s2");
        assertThat(seen).allSatisfy(frame ->
                assertThat(Cursor.parse(frame.id())).containsOnlyKeys(Partitions.of(NEWS), Partitions.of(SPORT)));
        client.cancel();

        for (String data : List.of("n3", "s3", "n4")) {
            publish(a, data.startsWith("n") ? NEWS : SPORT, data);
        }
        Client back = new Client();
        back.subscribe(b, seen.get(3).id(), NEWS, SPORT);
        publish(a, SPORT, "s4");

        assertThat(back.next(4)).extracting(Frame::data).containsExactly("n3", "s3", "n4", "s4");
        back.assertNothingMore();
    }

    @Test
    void whileBothNodesPublishAStreamCutOffAndResumedElsewhereMissesAndRepeatsNothing() throws Exception {
        int each = 150;
        Client whole = new Client();
        whole.subscribe(a, null, NEWS, SPORT);
        Client cut = new Client();
        cut.subscribe(a, null, NEWS, SPORT);
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
        List<Frame> before = cut.next(each / 2);
        cut.cancel();
        Client resumed = new Client();
        resumed.subscribe(b, before.get(before.size() - 1).id(), NEWS, SPORT);
        for (Future<?> publishing : running) {
            publishing.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }

        List<String> all = whole.next(2 * each).stream().map(Frame::data).toList();
        List<String> pieced = new ArrayList<>(before.stream().map(Frame::data).toList());
        pieced.addAll(resumed.next(2 * each - before.size()).stream().map(Frame::data).toList());
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

    /** A client stream on a thread of its own: the frames it is sent, after the opening {@code retry}. */
    private final class Client implements SseSink {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        private HubSubscription subscription;

        Client() {
            threads.add(thread);
        }

        void subscribe(Node node, String lastEventId, String... channels) throws Exception {
            subscription = CompletableFuture.supplyAsync(() -> node.hub().subscribe(Set.of(channels), lastEventId, this),
                    thread).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }

        void cancel() throws Exception {
            CompletableFuture.runAsync(subscription::cancel, thread).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }

        Frame next() throws InterruptedException {
            Frame frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within " + PATIENCE).isNotNull();
            return frame;
        }

        List<Frame> next(int count) throws InterruptedException {
            List<Frame> taken = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                taken.add(next());
            }
            return taken;
        }

        void assertNothingMore() throws InterruptedException {
            assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }

        @Override
        public java.util.concurrent.Executor executor() {
            return thread;
        }

        @Override
        public boolean offer(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.startsWith("retry:")) {
                return true;
            }
            String id = null;
            String data = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            frames.add(new Frame(id, data));
            return true;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
        }
    }
}
