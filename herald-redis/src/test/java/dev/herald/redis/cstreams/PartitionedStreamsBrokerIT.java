package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.PatternBrokerContract;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.RedisClients;
import dev.herald.redis.cluster.ShardedChannelSubscriber;
import dev.herald.redis.testing.BrokerRedis;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The partitioned Streams broker keeps the Broker contract on one real redis-server (the hash tags are then only part
 * of the key names), resumes across nodes and partitions, and catches up after losing its subscription.
 */
class PartitionedStreamsBrokerIT extends PatternBrokerContract {

    /** Two channels of different partitions. */
    private static final String NEWS = "news";
    private static final String SPORT = otherPartitionThan(NEWS);

    @RegisterExtension
    static final BrokerRedis redis = new BrokerRedis();

    @Override
    protected Broker createBroker() {
        redis.flushAll();
        return node(1000);
    }

    private PartitionedStreamsBroker node(int maxLength) {
        return await(PartitionedStreamsBroker.connect(redis.vertx(), RedisClients.options(redis.url()), maxLength, List.of(),
                BrokerConnection.untracked()).toCompletionStage());
    }

    private PartitionedStreamsBroker extraNode() {
        return redis.node(node(1000));
    }

    static String otherPartitionThan(String channel) {
        for (int i = 0; ; i++) {
            if (Partitions.of("sport" + i) != Partitions.of(channel)) {
                return "sport" + i;
            }
        }
    }

    @Test
    void theContractsChannelsSpanPartitions() {
        assertThat(Set.of(Partitions.of("a"), Partitions.of("b"), Partitions.of("c"))).hasSizeGreaterThan(1);
    }

    @Test
    void aCursorFromAnotherNodeResumesEveryPartitionWhereItWas() {
        PartitionedStreamsBroker other = extraNode();
        publish(NEWS, "n1");
        publish(SPORT, "s1");
        Replay head = await(broker.replay(Set.of(NEWS, SPORT), null));
        assertThat(Cursor.parse(head.headId())).containsOnlyKeys(Partitions.of(NEWS), Partitions.of(SPORT));
        StoredEvent n2 = publish(NEWS, "n2");
        StoredEvent s2 = publish(SPORT, "s2");

        Replay replay = await(other.replay(Set.of(NEWS, SPORT), head.headId()));

        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).containsExactly(n2, s2);
    }

    @Test
    void anEventPublishedOnOneNodeIsLiveOnEveryNode() throws Exception {
        PartitionedStreamsBroker other = extraNode();
        BlockingQueue<StoredEvent> here = new LinkedBlockingQueue<>();
        await(broker.subscribe(NEWS, here::add));
        await(broker.subscribe(SPORT, here::add));

        StoredEvent news = await(other.publish(new AdmittedEvent(NEWS, SseEvent.of(null, "hello"))));
        StoredEvent sport = await(other.publish(new AdmittedEvent(SPORT, SseEvent.of(null, "goal"))));

        assertThat(next(here, 2)).containsExactlyInAnyOrder(news, sport);
        assertNothingMoreArrives(here);
    }

    @Test
    void anIdOfADataSetRedisLostIsHistoryGone() {
        StoredEvent before = publish(NEWS, "before");
        redis.flushAll();
        StoredEvent after;
        try (CapturedLog losses = CapturedLog.of(Losses.class)) {
            after = publish(NEWS, "after");
            assertThat(losses.awaitMessage()).as("the node knew of an event the partition no longer reaches")
                    .startsWith("partition " + Partitions.of(NEWS) + " lost events up to stamp "
                            + Stamps.stampOf(before.sequence()));
        }

        Replay replay = await(broker.replay(Set.of(NEWS), before.event().id()));

        assertThat(after.sequence()).isGreaterThan(before.sequence());
        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(after);
    }

    @Test
    void aCursorAheadOfItsPartitionsHeadIsHistoryGone() {
        StoredEvent seen = publish(NEWS, "seen");
        long stamp = Stamps.stampOf(seen.sequence());

        Replay replay = await(broker.replay(Set.of(NEWS),
                Cursor.of(Map.of(Partitions.of(NEWS), stamp + 1_000_000))));

        assertThat(replay.historyGone()).as("events the cursor saw are no longer in Redis (a failover lost them)").isTrue();
    }

    @Test
    void eventsPublishedWhileANodesSubscriptionWasDownAreCaughtUp() throws Exception {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        await(broker.subscribe(NEWS, received::add));
        await(broker.subscribe(SPORT, received::add));
        PartitionedStreamsBroker publisher = extraNode();
        StoredEvent before = await(publisher.publish(new AdmittedEvent(NEWS, SseEvent.of(null, "before"))));
        assertThat(next(received)).isEqualTo(before);

        try (CapturedLog connection = CapturedLog.of(ShardedChannelSubscriber.class);
             CapturedLog feed = CapturedLog.of(PartitionFeed.class)) {
            await(redis.raw().send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).toCompletionStage());
            List<StoredEvent> during = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String channel = i % 2 == 0 ? NEWS : SPORT;
                during.add(await(publisher.publish(new AdmittedEvent(channel, SseEvent.of(null, "during " + i)))));
            }

            assertThat(next(received, 20)).containsExactlyInAnyOrderElementsOf(during);
            connection.awaitMessageContaining("lost the Redis Cluster subscription connections");
            connection.awaitMessageContaining("Redis Cluster subscriptions restored (channels: 2)");
            assertThat(feed.awaitMessage()).startsWith("caught up after the Redis outage: ");
            StoredEvent after = await(publisher.publish(new AdmittedEvent(NEWS, SseEvent.of(null, "after"))));
            assertThat(next(received)).isEqualTo(after);
        }
        assertNothingMoreArrives(received);
    }

    @Test
    void aNodeOfAnotherPartitionCountRefusesToStart() {
        await(redis.raw().send(Request.cmd(Command.SET).arg(PartitionKeys.COUNT_KEY).arg(8)).toCompletionStage());

        Throwable refused = failureOf(PartitionedStreamsBroker.connect(redis.vertx(), RedisClients.options(redis.url()), 10,
                List.of(), BrokerConnection.untracked()).toCompletionStage());

        assertThat(refused).hasMessage("the Redis data was written with 8 partitions, this node uses 16; "
                + "run every node of one Redis with the same Herald version");
        await(redis.raw().send(Request.cmd(Command.DEL).arg(PartitionKeys.COUNT_KEY)).toCompletionStage());
    }
}
