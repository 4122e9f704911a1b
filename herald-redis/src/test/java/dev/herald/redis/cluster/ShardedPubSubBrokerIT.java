package dev.herald.redis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerContract;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.redis.testing.ClusterSlots;
import dev.herald.redis.testing.RedisClusterProcess;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sharded Pub/Sub on a real Redis Cluster (3 masters, 3 replicas): a memory broker per node behind
 * {@link ShardedPubSubRelay} keeps the Broker contract, carries every shard's channels between nodes, and reports a
 * master's failover as lost then restored.
 */
class ShardedPubSubBrokerIT extends BrokerContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RedisClusterProcess cluster;
    private static Vertx vertx;
    private static Redis raw;
    private final List<Broker> extra = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.start();
        vertx = Vertx.vertx();
        raw = Redis.createClient(vertx, ClusterSeeds.parse(cluster.seedList()).options());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        raw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        cluster.close();
    }

    @AfterEach
    void closeExtraNodes() {
        extra.forEach(Broker::close);
    }

    @Override
    protected Broker createBroker() {
        return connect(cluster, BrokerConnection.untracked());
    }

    private static Broker connect(RedisClusterProcess on, BrokerConnection connection) {
        return join(RelayedBroker.start(new ShardedPubSubRelay(vertx, ClusterSeeds.parse(on.seedList()), connection),
                HistoryPolicy.defaults()));
    }

    private Broker node() {
        Broker node = createBroker();
        extra.add(node);
        return node;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static BlockingQueue<StoredEvent> listen(Broker broker, String channel) {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        join(broker.subscribe(channel, received::add));
        return received;
    }

    @Test
    void channelsOnEveryShardReachTheOtherNode() {
        Broker other = node();
        List<String> channels = cluster.masters().stream().map(master -> cluster.nameOn(master, "shard-")).toList();
        List<BlockingQueue<StoredEvent>> queues = channels.stream().map(channel -> listen(other, channel)).toList();

        for (String channel : channels) {
            join(broker.publish(new AdmittedEvent(channel, SseEvent.of(null, "on " + channel))));
        }

        for (int i = 0; i < channels.size(); i++) {
            assertThat(dataOf(List.of(next(queues.get(i))))).containsExactly("on " + channels.get(i));
            assertNothingMoreArrives(queues.get(i));
        }
    }

    @Test
    void aChannelsMessagesGoToItsShardOnly() {
        RedisClusterProcess.Node owner = cluster.masters().get(0);
        String channel = cluster.nameOn(owner, "only-here-");
        listen(broker, channel);

        for (RedisClusterProcess.Node master : cluster.masters()) {
            String numsub = cluster.command(master, "PUBSUB", "SHARDNUMSUB", channel);
            assertThat(numsub.trim().split("\n")[1]).as("subscribers on " + master)
                    .isEqualTo(master == owner ? "1" : "0");
        }
    }

    @Test
    void anotherProgramsSPublishInFlaskSseFormatIsReceivedButAPlainPublishIsNot() {
        String channel = cluster.nameOn(cluster.masters().get(1), "python-");
        BlockingQueue<StoredEvent> received = listen(broker, channel);

        join(raw.send(Request.cmd(Command.PUBLISH).arg(channel).arg("{\"data\": \"publish\"}")).toCompletionStage());
        join(raw.send(Request.cmd(Command.SPUBLISH).arg(channel).arg("{\"data\": \"spublish\"}")).toCompletionStage());

        assertThat(dataOf(List.of(next(received)))).containsExactly("spublish");
        assertNothingMoreArrives(received);
    }

    @Test
    void patternsAreNotMatchedSoTheServingCoreRefusesThem() {
        assertThat(broker.matchesPatterns()).isFalse();
    }

    @Test
    void aChannelWhoseSlotMovesToAnotherMasterIsSubscribedThereAndReportedAsAGap() {
        BrokerConnection connection = new BrokerConnection(HeraldMetrics.NONE);
        Broker subscriber = connect(cluster, connection);
        extra.add(subscriber);
        RedisClusterProcess.Node from = cluster.masters().get(0);
        RedisClusterProcess.Node to = cluster.masters().get(1);
        String channel = cluster.nameOn(from, "resharded-");
        BlockingQueue<StoredEvent> received = listen(subscriber, channel);
        try (CapturedLog log = CapturedLog.of(ShardedChannelSubscriber.class.getName())) {
            cluster.moveSlot(ClusterSlots.slot(channel), to);

            assertThat(log.awaitMessageContaining("lost the Redis Cluster subscription connections"))
                    .contains("the slot of " + channel + " moved");
            log.awaitMessageContaining("Redis Cluster subscriptions restored");
            Awaitility.await("the subscription on the new owner").atMost(WAIT).until(() ->
                    cluster.command(to, "PUBSUB", "SHARDNUMSUB", channel).trim().endsWith("\n1"));
            // A node whose slot map is still the old one (the library fetches it again each second) is answered MOVED
            // by the old owner when it subscribes to publish: a topology change too, reported, the publish refused.
            Awaitility.await("a publish from a node that learns the new owner").atMost(WAIT).ignoreExceptions()
                    .until(() -> join(broker.publish(new AdmittedEvent(channel, SseEvent.of(null, "after the move"))))
                            != null);
            log.drainMessages();
        }
        assertThat(dataOf(next(received, 1))).containsExactly("after the move");
        assertNothingMoreArrives(received);
        assertThat(connection.isUp()).isTrue();
    }

    @Test
    void aKilledMasterIsReportedLostThenRestoredAndItsChannelsCarryEventsAgain() throws Exception {
        try (RedisClusterProcess own = RedisClusterProcess.start();
             CapturedLog log = CapturedLog.of(ShardedChannelSubscriber.class.getName())) {
            BrokerConnection connection = new BrokerConnection(HeraldMetrics.NONE);
            Broker subscriber = connect(own, connection);
            Broker publisher = connect(own, BrokerConnection.untracked());
            try {
                RedisClusterProcess.Node master = own.masters().get(2);
                String channel = own.nameOn(master, "failover-");
                BlockingQueue<StoredEvent> received = listen(subscriber, channel);
                join(publisher.publish(new AdmittedEvent(channel, SseEvent.of(null, "before"))));
                assertThat(dataOf(List.of(next(received)))).containsExactly("before");

                own.kill(master);
                Awaitility.await("the subscription reported lost").atMost(WAIT).until(() -> !connection.isUp());
                own.awaitPromotion(master, Duration.ofSeconds(30));
                Awaitility.await("the subscription restored").atMost(Duration.ofSeconds(30)).until(connection::isUp);

                Awaitility.await("a publish taken by the promoted replica").atMost(Duration.ofSeconds(30))
                        .ignoreExceptions()
                        .until(() -> join(publisher.publish(new AdmittedEvent(channel, SseEvent.of(null, "after"))))
                                != null);
                assertThat(dataOf(List.of(next(received)))).containsExactly("after");
                assertThat(log.drainMessages()).anySatisfy(line ->
                        assertThat(line).startsWith("lost the Redis Cluster subscription connections"));
            } finally {
                subscriber.close();
                publisher.close();
            }
        }
    }
}
