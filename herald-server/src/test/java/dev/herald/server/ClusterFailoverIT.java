package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.redis.cluster.ShardedChannelSubscriber;
import dev.herald.redis.testing.RedisClusterProcess;
import dev.herald.serve.PublishService;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master of a real Redis Cluster SIGKILLed under load: 200 streams on node B, node A publishing 20 events a second
 * on three channels, one on each master. Its replica takes over, publishing resumes on its channels, and every client
 * has each channel's events in order without duplicates (channels on different shards come over different
 * connections: node B may receive one publisher's events on two shards in another order than node A did). Sharded Pub/Sub keeps nothing: what node A acknowledged while node B's
 * subscriptions were down never reaches B's clients; the test bounds that loss to the failover window and logs it.
 */
class ClusterFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFailoverIT.class);
    private static final int STREAMS = 200;
    private static final long PERIOD_MILLIS = 50; // 20 events a second
    private static final int STEADY = 40;
    private static final String HISTORY_GONE = "history-gone"; // acknowledged events before the kill, and after both nodes are back

    @Test
    void aMasterKilledUnderLoadIsReplacedAndEveryClientKeepsEachChannelsEventsInOrderWithoutDuplicates() throws Exception {
        try (RedisClusterProcess cluster = RedisClusterProcess.start();
             CapturedLog subscriberLog = CapturedLog.of(ShardedChannelSubscriber.class);
             CapturedLog publishLog = CapturedLog.of(PublishService.class);
             RunningServer a = ClusterScaleOutIT.node(cluster);
             RunningServer b = ClusterScaleOutIT.node(cluster)) {
            RedisClusterProcess.Node victim = cluster.masters().get(0);
            List<String> channels = cluster.masters().stream().map(master -> cluster.nameOn(master, "load-")).toList();
            String query = "/stream?channel=" + String.join("&channel=", channels);
            List<Queue<Integer>> received = new ArrayList<>();
            List<AtomicInteger> gapsTold = new ArrayList<>();
            AtomicInteger toldOfAGap = new AtomicInteger();
            List<SseTestClient> clients = new ArrayList<>();
            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    Queue<Integer> data = new ConcurrentLinkedQueue<>();
                    received.add(data);
                    AtomicInteger told = new AtomicInteger();
                    gapsTold.add(told);
                    clients.add(SseTestClient.connect(b.uri(query), Map.of(), event -> {
                        if (HISTORY_GONE.equals(event.type())) {
                            toldOfAGap.incrementAndGet();
                            told.incrementAndGet();
                        } else {
                            data.add(Integer.parseInt(event.data()));
                        }
                    }));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> b.stats().streamsOpen() == STREAMS);

                ConcurrentSkipListSet<Integer> acknowledged = new ConcurrentSkipListSet<>();
                AtomicInteger sequence = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                publisher.scheduleAtFixedRate(() -> {
                    int n = sequence.getAndIncrement();
                    String body = "{\"channel\":\"" + channels.get(n % channels.size()) + "\",\"data\":\"" + n + "\"}";
                    if (TestHttp.post(a.uri("/publish"), body).statusCode() == 200) {
                        acknowledged.add(n);
                    } else {
                        refused.incrementAndGet();
                    }
                }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);

                await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= STEADY);
                int killedAt = sequence.get();
                long killedNanos = System.nanoTime();
                cluster.kill(victim);
                cluster.awaitPromotion(victim, Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30)).until(() -> ready(a) && ready(b));
                int backFrom = sequence.get();
                double windowSeconds = (System.nanoTime() - killedNanos) / 1e9;
                await("events acknowledged on every channel after the failover").atMost(Duration.ofSeconds(30))
                        .until(() -> acknowledged.tailSet(backFrom).size() >= STEADY);
                publisher.shutdown();
                assertThat(publisher.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
                int last = acknowledged.last();
                await("every client has the last acknowledged event").atMost(Duration.ofSeconds(20))
                        .until(() -> received.stream().allMatch(data -> data.contains(last)));

                assertThat(acknowledged.tailSet(backFrom).stream().map(n -> n % channels.size()).distinct())
                        .as("publishing resumed on the failed master's channel too").contains(0);
                TreeSet<Integer> missedByAny = new TreeSet<>();
                for (int client = 0; client < received.size(); client++) {
                    List<Integer> events = List.copyOf(received.get(client));
                    for (int c = 0; c < channels.size(); c++) {
                        int channel = c;
                        List<Integer> onChannel = events.stream().filter(n -> n % channels.size() == channel).toList();
                        for (int i = 1; i < onChannel.size(); i++) {
                            assertThat(onChannel.get(i)).as("in order on its channel, no duplicate")
                                    .isGreaterThan(onChannel.get(i - 1));
                        }
                    }
                    assertThat(events).as("no duplicate").doesNotHaveDuplicates();
                    Set<Integer> missed = new TreeSet<>(acknowledged);
                    missed.removeAll(events);
                    assertThat(missed).as("acknowledged events missed: only while node B's subscriptions were down")
                            .allMatch(n -> n >= killedAt && n < backFrom);
                    if (!missed.isEmpty()) {
                        assertThat(gapsTold.get(client).get()).as("a client that missed %s was told (history-gone)", missed)
                                .isPositive();
                    }
                    missedByAny.addAll(missed);
                }
                LOG.info("failover of a master under load: promoted and both nodes ready {} s after the kill; "
                        + "{} publishes, {} acknowledged, {} refused with 503; acknowledged but missed by node B's "
                        + "clients: {} {}; history-gone events received by the {} clients: {}",
                        String.format("%.1f", windowSeconds), sequence.get(), acknowledged.size(), refused.get(),
                        missedByAny.size(), missedByAny, STREAMS, toldOfAGap.get());
            } finally {
                publisher.shutdownNow();
                clients.forEach(SseTestClient::close);
            }
            subscriberLog.drainMessages();
            publishLog.drainMessages();
        }
    }

    private static boolean ready(RunningServer node) {
        return TestHttp.get(node.uri("/ready")).statusCode() == 200;
    }
}
