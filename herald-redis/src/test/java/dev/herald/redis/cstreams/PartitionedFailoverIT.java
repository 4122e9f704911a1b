package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.StoredEvent;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.redis.RedisCommands;
import dev.herald.redis.cluster.ClusterSeeds;
import dev.herald.redis.cluster.ShardedChannelSubscriber;
import dev.herald.redis.testing.RedisClusterProcess;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master SIGKILLed under load on a real Redis Cluster (3 masters, 3 replicas, a fresh one per test): two Herald nodes, 200 streams over
 * two channels each (8 channels, 8 partitions, every master), 20 publishes a second. With {@link ReplicaWait} every
 * client ends with every acknowledged event of its channels, in order, once; without it, what the failover lost is
 * counted and logged.
 */
class PartitionedFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionedFailoverIT.class);
    private static final int STREAMS = 200;
    private static final int EVENTS = 300;
    private static final int KILL_AFTER = 40;
    private static final long PERIOD_MILLIS = 50; // 20 publishes a second

    private static RedisClusterProcess cluster;
    private static Vertx vertx;
    private final List<PartitionedStreamsBroker> brokers = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    /** The warnings a failover causes (lost, restored, the client library's closed channels), kept off the console. */
    private final List<CapturedLog> logs = new ArrayList<>();
    private CapturedLog subscriber;

    /** A cluster of its own per test: one failover each, from a whole cluster. */
    @BeforeEach
    void startClusterAndCaptureLogs() {
        cluster = RedisClusterProcess.start();
        subscriber = CapturedLog.of(ShardedChannelSubscriber.class);
        logs.add(subscriber);
        logs.add(CapturedLog.of(PartitionFeed.class));
        logs.add(CapturedLog.of("io.vertx.redis.client.impl.RedisConnectionManager"));
        logs.add(CapturedLog.of(RedisCommands.class));
        logs.add(CapturedLog.of(Losses.class));
    }

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Hub hub : hubs) {
            hub.closeStreams().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        brokers.forEach(PartitionedStreamsBroker::close);
        threads.forEach(ExecutorService::shutdownNow);
        cluster.close();
        logs.forEach(CapturedLog::close);
    }

    @Test
    void withWaitEveryClientEndsWithEveryAcknowledgedEventInOrderOnce() throws Exception {
        Run run = run(new ReplicaWait(1, Duration.ofSeconds(2)));

        assertThat(run.acknowledged).as("publishes acknowledged after the failover too").hasSizeGreaterThan(KILL_AFTER + 20);
        awaitEveryClientHasEveryAcknowledgedEvent(run);
        for (Map.Entry<StreamClient, List<String>> client : run.received.entrySet()) {
            List<String> got = client.getValue();
            assertThat(new HashSet<>(got)).as("no duplicate").hasSameSizeAs(got);
            for (String channel : run.channels.get(client.getKey())) {
                List<String> expected = run.acknowledgedOf(Set.of(channel));
                assertThat(got.stream().filter(expected::contains).toList())
                        .as("%s's acknowledged events in their order", channel).isEqualTo(expected);
            }
        }
        LOG.info("failover with WAIT 1: " + run.acknowledged.size() + " of " + EVENTS
                + " publishes acknowledged, every one reached all " + STREAMS + " streams; refused: " + run.refused);
    }

    @Test
    void withoutWaitWhatAFailoverLosesIsCounted() throws Exception {
        Run run = run(ReplicaWait.none());

        Set<String> stored = new HashSet<>();
        for (String channel : run.channelNames) {
            brokers.get(0).replay(Set.of(channel), Cursor.of(Partitions.of(channel), 0)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).events().forEach(event -> stored.add(event.event().data()));
        }
        long lost = run.acknowledged.stream().filter(data -> !stored.contains(data)).count();
        LOG.info("failover without WAIT: " + lost + " of " + run.acknowledged.size()
                + " acknowledged events lost (" + EVENTS + " published); refused: " + run.refused);
        assertThat(lost).isLessThanOrEqualTo(run.acknowledged.size());
    }

    /** What a run published, what was acknowledged, and what each client received. */
    private static final class Run {
        final List<String> channelNames = new ArrayList<>();
        final Map<StreamClient, Set<String>> channels = new LinkedHashMap<>();
        final Map<StreamClient, List<String>> received = new HashMap<>();
        /** Acknowledged events' data, in their order (by sequence: concurrent publishes have no other). */
        final List<String> acknowledged = new ArrayList<>();
        /** Why publishes were refused, digits blanked, and how many times. */
        final Map<String, Integer> refused = new HashMap<>();

        List<String> acknowledgedOf(Set<String> ofChannels) {
            return acknowledged.stream().filter(data -> ofChannels.contains(data.substring(0, data.indexOf('#'))))
                    .toList();
        }
    }

    /** A run; the failover must have been seen as a loss of the subscription connections. */
    private Run run(ReplicaWait wait) throws Exception {
        Run run = runLogged(wait);
        assertThat(subscriber.drainMessages()).as("the failover was seen as a loss")
                .anyMatch(line -> line.startsWith("lost the Redis Cluster subscription connections"));
        return run;
    }

    private Run runLogged(ReplicaWait wait) throws Exception {
        RedisClusterProcess.Node victim = cluster.masters().stream()
                .filter(master -> !cluster.replicasOf(master).isEmpty()).findFirst().orElseThrow();
        Run run = new Run();
        run.channelNames.addAll(channelsIncludingOneOn(victim));
        List<Hub> nodes = List.of(node(wait), node(wait));
        for (int i = 0; i < STREAMS; i++) {
            StreamClient client = new StreamClient(threads);
            Set<String> two = Set.of(run.channelNames.get(i % 8), run.channelNames.get((i + 1) % 8));
            client.subscribe(nodes.get(i % 2), null, two.toArray(String[]::new));
            run.channels.put(client, two);
            run.received.put(client, new ArrayList<>());
        }
        for (StreamClient client : run.channels.keySet()) {
            assertThat(client.next().data()).as("the resume point").isNull();
        }

        List<CompletableFuture<StoredEvent>> publishes = new ArrayList<>();
        List<String> published = new ArrayList<>();
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        threads.add(publisher);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService helper = Executors.newSingleThreadExecutor();
        threads.add(helper);
        CompletableFuture<RedisClusterProcess.Node> promoted = new CompletableFuture<>();
        CompletableFuture<Void> allSent = new CompletableFuture<>();
        publisher.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i >= EVENTS) {
                allSent.complete(null);
                return;
            }
            if (i == KILL_AFTER) {
                cluster.kill(victim);
                // Read the topology now, while the live nodes still name the victim's slots.
                promoted.completeAsync(() -> cluster.awaitPromotion(victim, Duration.ofSeconds(30)), helper);
            }
            String channel = run.channelNames.get(i % 8);
            String data = channel + "#" + i;
            published.add(data);
            publishes.add(brokers.get(i % 2).publish(new AdmittedEvent(channel, SseEvent.of(null, data)))
                    .toCompletableFuture());
        }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        allSent.get(60, TimeUnit.SECONDS);
        publisher.shutdown();
        promoted.get(40, TimeUnit.SECONDS);
        List<StoredEvent> acknowledged = new ArrayList<>();
        for (CompletableFuture<StoredEvent> publish : publishes) {
            try {
                acknowledged.add(publish.get(30, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException refused) {
                // not acknowledged: the publisher would publish it again
                run.refused.merge(refused.getCause().getMessage().lines().findFirst().orElse("").replaceAll("~[0-9a-z]+", "~ID").replaceAll("[0-9]+", "N"), 1, Integer::sum);
            }
        }
        acknowledged.sort(java.util.Comparator.comparingLong(StoredEvent::sequence));
        acknowledged.forEach(event -> run.acknowledged.add(event.event().data()));
        return run;
    }

    private void awaitEveryClientHasEveryAcknowledgedEvent(Run run) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            boolean all = true;
            for (Map.Entry<StreamClient, List<String>> client : run.received.entrySet()) {
                // a history-gone notice (a failover lost what a 503'd publish had announced) is not an event
                client.getKey().drain().stream().filter(frame -> frame.data() != null)
                        .filter(frame -> !frame.data().startsWith("{\"lastEventId\":"))
                        .forEach(frame -> client.getValue().add(frame.data()));
                all &= client.getValue().containsAll(run.acknowledgedOf(run.channels.get(client.getKey())));
            }
            return all;
        });
    }

    /** Eight channels of eight partitions, the first on the victim's shard. */
    private static List<String> channelsIncludingOneOn(RedisClusterProcess.Node victim) {
        List<String> channels = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; channels.size() < 8; i++) {
            String channel = "room" + i;
            boolean onVictim = cluster.masterOf(PartitionKeys.stream(channel)).port() == victim.port();
            if ((channels.isEmpty() && !onVictim) || !partitions.add(Partitions.of(channel))) {
                if (channels.isEmpty()) {
                    continue;
                }
                continue;
            }
            channels.add(channel);
        }
        return channels;
    }

    private Hub node(ReplicaWait wait) throws Exception {
        PartitionedStreamsBroker broker = PartitionedStreamsBroker.connect(vertx,
                ClusterSeeds.parse(cluster.seedList()).options(), 1000, List.of(), wait, BrokerConnection.untracked())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        brokers.add(broker);
        Hub hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofMillis(2500)));
        hubs.add(hub);
        return hub;
    }
}
