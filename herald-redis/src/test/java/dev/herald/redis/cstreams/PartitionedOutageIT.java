package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.Gap;
import dev.herald.broker.HeardListener;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.redis.RedisClients;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Broker contract's "Outages" on the partitioned Streams broker, on one real redis-server: no gap is silent. A
 * restart of Redis without persistence replaces every partition's data set: each partition a node holds tells its
 * listeners a gap, in order with the events, and a replay from before it says history gone, one from the gap's id
 * does not. A partition that lost acknowledged events (as a failover to a lagging replica does: made here by taking
 * the partition back to an older state) is recorded lost when a node that knew of them publishes again, and a node
 * that had not delivered them tells its listeners.
 *
 * <p>(The shared {@code BrokerOutageContract} is for a relayed broker, whose backend keeps nothing: it reads a head
 * during the outage and expects the newest events to survive a restart and a channel nobody held to say history gone;
 * a Streams broker reads heads from Redis, and keeps what Redis keeps. Its promises that do apply are proven here.)
 */
class PartitionedOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String NEWS = "news";
    private static final String SPORT = PartitionedStreamsBrokerIT.otherPartitionThan(NEWS);

    private RedisServerProcess redis;
    private Vertx vertx;
    private Redis raw;
    private final List<PartitionedStreamsBroker> nodes = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    /** The warnings an outage causes (connections lost, publishes refused, losses recorded), kept off the console. */
    private CapturedLog herald;
    private CapturedLog client;

    @BeforeEach
    void startRedis() {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
        raw = Redis.createClient(vertx, redis.url());
        herald = CapturedLog.of("dev.herald.redis");
        client = CapturedLog.of("io.vertx.redis");
    }

    @AfterEach
    void stopRedis() throws Exception {
        for (Hub hub : hubs) {
            hub.closeStreams().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        nodes.forEach(PartitionedStreamsBroker::close);
        threads.forEach(ExecutorService::shutdownNow);
        raw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
        herald.close();
        client.close();
    }

    private PartitionedStreamsBroker node() {
        PartitionedStreamsBroker node = await(PartitionedStreamsBroker.connect(vertx, RedisClients.options(redis.url()),
                1000, List.of(), BrokerConnection.untracked()).toCompletionStage());
        nodes.add(node);
        return node;
    }


    private static HeardListener listen(PartitionedStreamsBroker node, String channel) {
        HeardListener heard = new HeardListener(PATIENCE);
        await(node.subscribe(channel, heard));
        return heard;
    }

    private static StoredEvent publish(PartitionedStreamsBroker node, String channel, String data) {
        return await(node.publish(new AdmittedEvent(channel, SseEvent.of(null, data))));
    }

    private static Replay replay(PartitionedStreamsBroker node, Set<String> channels, String id) {
        return await(node.replay(channels, id));
    }

    @Test
    void aRestartThatLostTheDataTellsEachHeldPartitionAGapInOrderWithTheEvents() throws Exception {
        PartitionedStreamsBroker node = node();
        HeardListener news = listen(node, NEWS);
        HeardListener sport = listen(node, SPORT);
        StoredEvent before = publish(node, NEWS, "before");
        assertThat(news.next()).isEqualTo(before);

        redis.stop();
        redis.startAgain();
        herald.awaitMessageContaining("Redis Cluster subscriptions restored");
        StoredEvent after = Awaitility.await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> publish(node, NEWS, "after"), event -> event != null);

        Gap gap = (Gap) news.next();
        assertThat(PartitionLanes.INSTANCE.lane(gap)).isEqualTo(Partitions.of(NEWS));
        assertThat(gap.sequence()).isGreaterThan(before.sequence()).isLessThan(after.sequence());
        assertThat(news.next()).isEqualTo(after);
        Gap quiet = (Gap) sport.next();
        assertThat(PartitionLanes.INSTANCE.lane(quiet)).as("a listener of a quiet partition is told too")
                .isEqualTo(Partitions.of(SPORT));
        news.nothingMore(Duration.ofMillis(300));
        sport.nothingMore(Duration.ofMillis(300));

        Replay across = replay(node, Set.of(NEWS), before.event().id());
        assertThat(across.historyGone()).isTrue();
        assertThat(across.events()).containsExactly(after);
        Replay fromGap = replay(node, Set.of(NEWS), gap.resumeId());
        assertThat(fromGap.historyGone()).isFalse();
        assertThat(fromGap.events()).containsExactly(after);
        assertThat(replay(node, Set.of(SPORT), quiet.resumeId()).historyGone()).isFalse();
        Replay both = replay(node, Set.of(NEWS, SPORT), Cursor.of(Map.of(Partitions.of(NEWS),
                Stamps.stampOf(gap.sequence()), Partitions.of(SPORT), Stamps.stampOf(quiet.sequence()))));
        assertThat(both.historyGone()).as("a cursor moved past both gaps").isFalse();
        assertThat(both.events()).containsExactly(after);
    }

    @Test
    void anOutageRedisKeptEverythingOfTellsNoGap() throws Exception {
        PartitionedStreamsBroker node = node();
        PartitionedStreamsBroker publisher = node();
        HeardListener news = listen(node, NEWS);
        StoredEvent before = publish(publisher, NEWS, "before");
        assertThat(news.next()).isEqualTo(before);

        await(raw.send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).toCompletionStage());
        StoredEvent during = publish(publisher, NEWS, "during");
        herald.awaitMessageContaining("caught up after the Redis outage");

        assertThat(news.next()).isEqualTo(during);
        news.nothingMore(Duration.ofMillis(300));
    }

    @Test
    void acknowledgedEventsAPartitionLostAreRecordedAndToldByTheNextPublishOfANodeThatKnewThem() throws Exception {
        PartitionedStreamsBroker publisher = node();
        PartitionedStreamsBroker other = node();
        StoredEvent kept = publish(publisher, NEWS, "kept");
        String stateBefore = dumpOf(NEWS);
        StoredEvent lost1 = publish(publisher, NEWS, "lost 1");
        StoredEvent lost2 = publish(publisher, NEWS, "lost 2");
        restore(NEWS, stateBefore); // as a replica promoted before it had the last two
        HeardListener news = listen(other, NEWS);
        assertThat(replay(other, Set.of(NEWS), kept.event().id()).historyGone()).as("nobody told yet").isFalse();

        StoredEvent next = publish(publisher, NEWS, "next");

        Gap gap = (Gap) news.next();
        assertThat(gap.sequence()).isEqualTo(lost2.sequence());
        assertThat(news.next()).isEqualTo(next);
        news.nothingMore(Duration.ofMillis(300));
        Replay fromKept = replay(other, Set.of(NEWS), kept.event().id());
        assertThat(fromKept.historyGone()).isTrue();
        assertThat(fromKept.events()).containsExactly(next);
        assertThat(replay(other, Set.of(NEWS), lost1.event().id()).historyGone()).isTrue();
        Replay fromGap = replay(other, Set.of(NEWS), gap.resumeId());
        assertThat(fromGap.historyGone()).isFalse();
        assertThat(fromGap.events()).containsExactly(next);
        herald.awaitMessageContaining("partition " + Partitions.of(NEWS) + " lost events up to stamp "
                + Stamps.stampOf(lost2.sequence()));
    }

    @Test
    void aNodeThatDeliveredWhatAPartitionLostFindsItInTheNextAnnouncementAndTellsTheOthers() throws Exception {
        PartitionedStreamsBroker witness = node();
        PartitionedStreamsBroker unaware = node();
        HeardListener seen = listen(witness, NEWS);
        StoredEvent kept = publish(unaware, NEWS, "kept");
        assertThat(seen.next()).isEqualTo(kept);
        String stateBefore = dumpOf(NEWS);
        StoredEvent lost = await(witnessPublish(witness, "lost"));
        assertThat(seen.next()).isEqualTo(lost);
        restore(NEWS, stateBefore);
        // the unaware node publishes without knowing of the lost event: the witness finds the loss in its announcement
        StoredEvent next = publish(unaware, NEWS, "next");

        assertThat(seen.next()).as("the witness delivered the lost event: nothing to tell it").isEqualTo(next);
        Awaitility.await().atMost(PATIENCE).until(() -> replay(unaware, Set.of(NEWS), kept.event().id()).historyGone());
        seen.nothingMore(Duration.ofMillis(300));
    }

    @Test
    void aStreamAcrossPartitionsIsToldOfOnePartitionsLossAndResumesFromTheIdAfterItWithoutLosingTheOther()
            throws Exception {
        PartitionedStreamsBroker publisher = node();
        PartitionedStreamsBroker streaming = node();
        Hub hub = new Hub(streaming, new HubOptions(Duration.ofHours(1), Duration.ofMillis(2500)));
        hubs.add(hub);
        StoredEvent kept = publish(publisher, NEWS, "kept");
        String stateBefore = dumpOf(NEWS);
        StoredEvent lost = publish(publisher, NEWS, "lost");
        restore(NEWS, stateBefore);
        StreamClient client = new StreamClient(threads);
        client.subscribe(hub, kept.event().id(), NEWS, SPORT);
        String opened = client.next().id();
        StoredEvent sport = publish(publisher, SPORT, "s1");
        assertThat(client.next()).isEqualTo(new StreamClient.Frame(Cursor.of(Map.of(Partitions.of(NEWS),
                Stamps.stampOf(kept.sequence()), Partitions.of(SPORT), Stamps.stampOf(sport.sequence()))), "s1"));

        StoredEvent next = publish(publisher, NEWS, "n1");

        StreamClient.Frame notice = client.next();
        assertThat(notice.data()).isEqualTo("{\"lastEventId\":null,\"channels\":[\"" + NEWS + "\",\"" + SPORT + "\"]}");
        String afterGap = client.next().id();
        assertThat(Cursor.parse(afterGap)).as("only the partition that lost moved, to the newest lost")
                .isEqualTo(Map.of(Partitions.of(NEWS), Stamps.stampOf(lost.sequence()),
                        Partitions.of(SPORT), Stamps.stampOf(sport.sequence())));
        assertThat(client.next().data()).isEqualTo("n1");
        client.assertNothingMore();

        StoredEvent s2 = publish(publisher, SPORT, "s2");
        Replay resumed = replay(publisher, Set.of(NEWS, SPORT), afterGap);
        assertThat(resumed.historyGone()).as("not told again").isFalse();
        assertThat(resumed.events()).containsExactly(next, s2);
        assertThat(opened).isNotNull();
    }

    private static CompletionStage<StoredEvent> witnessPublish(PartitionedStreamsBroker witness, String data) {
        return witness.publish(new AdmittedEvent(NEWS, SseEvent.of(null, data)));
    }

    /** The partition's keys of a channel, dumped: its clock and the channel's stream. */
    private String dumpOf(String channel) {
        String prefix = PartitionKeys.stream(channel).substring(0, PartitionKeys.stream(channel).indexOf(":stream:") + 1);
        String clock = await(raw.send(Request.cmd(Command.GET).arg(prefix + "clock")).toCompletionStage()).toString();
        String stream = await(raw.send(Request.cmd(Command.XREVRANGE).arg(PartitionKeys.stream(channel)).arg("+")
                .arg("-").arg("COUNT").arg(1)).toCompletionStage()).get(0).get(0).toString();
        return clock + " " + stream;
    }

    /** Takes a partition back to a state {@link #dumpOf} saw: the clock, and the stream without the entries after it. */
    private void restore(String channel, String state) {
        String[] parts = state.split(" ");
        String prefix = PartitionKeys.stream(channel).substring(0, PartitionKeys.stream(channel).indexOf(":stream:") + 1);
        await(raw.send(Request.cmd(Command.SET).arg(prefix + "clock").arg(parts[0])).toCompletionStage());
        String newest = parts[1];
        await(raw.send(Request.cmd(Command.EVAL).arg("local gone = redis.call('XRANGE', KEYS[1], '(' .. ARGV[1], '+') "
                + "for _, entry in ipairs(gone) do redis.call('XDEL', KEYS[1], entry[1]) end return #gone")
                .arg(1).arg(PartitionKeys.stream(channel)).arg(newest)).toCompletionStage());
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete in " + PATIENCE, e);
        }
    }
}
