package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.PatternBrokerContract;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.cluster.ClusterSeeds;
import dev.herald.redis.testing.RedisClusterProcess;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The partitioned Streams broker on a real Redis Cluster (3 masters, 3 replicas): it keeps the Broker contract, its
 * partitions spread over every master, and a channel of each partition reaches the other node and resumes there.
 */
class PartitionedStreamsClusterIT extends PatternBrokerContract {

    private static RedisClusterProcess cluster;
    private static Vertx vertx;
    private final List<PartitionedStreamsBroker> extra = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        cluster.close();
    }

    @AfterEach
    void closeExtraNodes() {
        extra.forEach(PartitionedStreamsBroker::close);
    }

    @Override
    protected Broker createBroker() {
        cluster.masters().forEach(master -> cluster.command(master, "FLUSHALL"));
        return node();
    }

    private PartitionedStreamsBroker node() {
        return await(PartitionedStreamsBroker.connect(vertx, ClusterSeeds.parse(cluster.seedList()).options(), 1000,
                List.of(), BrokerConnection.untracked()).toCompletionStage());
    }

    /** One channel per partition. */
    private static List<String> channelPerPartition() {
        Map<Integer, String> channels = new HashMap<>();
        for (int i = 0; channels.size() < Partitions.COUNT; i++) {
            channels.putIfAbsent(Partitions.of("room" + i), "room" + i);
        }
        return List.copyOf(channels.values());
    }

    /**
     * The cost of {@code --redis-wait-replicas 1}, both ways in the same run, alternating, 5 rounds: per round 200
     * publishes one after the other (latency) and 400 with 16 in flight (publishes/s); medians logged.
     */
    @Test
    void theCostOfWaitingForAReplicaIsMeasured() throws Exception {
        PartitionedStreamsBroker waiting = await(PartitionedStreamsBroker.connect(vertx,
                ClusterSeeds.parse(cluster.seedList()).options(), 1000, List.of(),
                new ReplicaWait(1, java.time.Duration.ofSeconds(1)), BrokerConnection.untracked()).toCompletionStage());
        extra.add(waiting);
        List<String> channels = channelPerPartition();
        Map<Boolean, List<Double>> p50 = new HashMap<>();
        Map<Boolean, List<Double>> p99 = new HashMap<>();
        Map<Boolean, List<Double>> rate = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            for (boolean withWait : new boolean[] {false, true}) {
                Broker on = withWait ? waiting : broker;
                List<Long> nanos = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    long start = System.nanoTime();
                    await(on.publish(new AdmittedEvent(channels.get(i % channels.size()), SseEvent.of(null, "x"))));
                    nanos.add(System.nanoTime() - start);
                }
                nanos.sort(null);
                p50.computeIfAbsent(withWait, k -> new ArrayList<>()).add(nanos.get(100) / 1e6);
                p99.computeIfAbsent(withWait, k -> new ArrayList<>()).add(nanos.get(198) / 1e6);
                java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(16);
                List<java.util.concurrent.CompletableFuture<StoredEvent>> all = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < 400; i++) {
                    inFlight.acquire();
                    java.util.concurrent.CompletableFuture<StoredEvent> one = on.publish(new AdmittedEvent(
                            channels.get(i % channels.size()), SseEvent.of(null, "y"))).toCompletableFuture();
                    one.whenComplete((ok, error) -> inFlight.release());
                    all.add(one);
                }
                all.forEach(one -> await(one));
                rate.computeIfAbsent(withWait, k -> new ArrayList<>()).add(400 / ((System.nanoTime() - start) / 1e9));
            }
        }
        org.slf4j.LoggerFactory.getLogger(PartitionedStreamsClusterIT.class).info(String.format(
                "WAIT 1 cost (median of 5 rounds): one at a time p50 %.2f ms -> %.2f ms, p99 %.2f ms -> %.2f ms; "
                        + "16 in flight %.0f -> %.0f publishes/s", median(p50.get(false)), median(p50.get(true)),
                median(p99.get(false)), median(p99.get(true)), median(rate.get(false)), median(rate.get(true))));
        assertThat(median(rate.get(true))).isPositive();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void thePartitionsSpreadOverEveryMaster() {
        Set<Integer> masters = new HashSet<>();
        for (String channel : channelPerPartition()) {
            masters.add(cluster.masterOf(PartitionKeys.stream(channel)).port());
        }
        assertThat(masters).hasSize(3);
    }

    @Test
    void everyPartitionsEventsReachTheOtherNodeLiveAndResumeThere() {
        PartitionedStreamsBroker other = node();
        extra.add(other);
        List<String> channels = channelPerPartition();
        BlockingQueue<StoredEvent> there = new LinkedBlockingQueue<>();
        for (String channel : channels) {
            await(other.subscribe(channel, there::add));
        }
        Replay head = await(other.replay(Set.copyOf(channels), null));

        List<StoredEvent> published = new ArrayList<>();
        for (String channel : channels) {
            published.add(await(broker.publish(new AdmittedEvent(channel, SseEvent.of(null, "on " + channel)))));
        }

        assertThat(next(there, channels.size())).containsExactlyInAnyOrderElementsOf(published);
        assertNothingMoreArrives(there);
        Replay replay = await(other.replay(Set.copyOf(channels), head.headId()));
        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).containsExactlyElementsOf(published);
        assertThat(head.headId()).hasSizeLessThanOrEqualTo(Partitions.COUNT * Cursor.MAX_ENTRY_LENGTH);
    }
}
