package dev.herald.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerContract;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.Gap;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.PatternBrokerContract;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.testing.BrokerRedis;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Streams broker keeps the Broker contract on a real redis-server, and resumes across nodes. */
class StreamsBrokerIT extends PatternBrokerContract {

    @RegisterExtension
    static final BrokerRedis redis = new BrokerRedis();

    @Override
    protected Broker createBroker() {
        redis.flushAll();
        return node(1000);
    }

    private StreamsBroker node(int maxLength) {
        return await(StreamsBroker.connect(redis.vertx(), redis.url(), maxLength).toCompletionStage());
    }

    private StreamsBroker extraNode(int maxLength) {
        return redis.node(node(maxLength));
    }

    @Test
    void anotherNodeResumesAClientFromItsLastEventId() {
        StreamsBroker other = extraNode(1000);
        StoredEvent seen = publish("a", "1");
        publish("b", "2");
        publish("a", "3");
        publish("c", "4");

        Replay replay = await(other.replay(Set.of("a", "b"), seen.event().id()));

        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).extracting(e -> e.event().data()).containsExactly("2", "3");
    }

    @Test
    void anEventPublishedOnOneNodeIsLiveOnEveryNode() throws Exception {
        StreamsBroker other = extraNode(1000);
        BlockingQueue<StoredEvent> here = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> there = new LinkedBlockingQueue<>();
        await(broker.subscribe("news", here::add));
        await(other.subscribe("news", there::add));

        StoredEvent published = await(other.publish(new AdmittedEvent("news", SseEvent.of("t", "hello"))));

        assertThat(here.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(published);
        assertThat(there.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(published);
    }

    @Test
    void historyTrimmedByLengthIsReportedAsGone() {
        StreamsBroker capped = extraNode(5);
        StoredEvent old = await(capped.publish(new AdmittedEvent("busy", SseEvent.of(null, "0"))));
        for (int i = 1; i <= 300; i++) {
            await(capped.publish(new AdmittedEvent("busy", SseEvent.of(null, Integer.toString(i)))));
        }

        Replay replay = await(capped.replay(Set.of("busy"), old.event().id()));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).isNotEmpty().hasSizeLessThan(300);
        assertThat(replay.events().get(replay.events().size() - 1).event().data()).isEqualTo("300");
    }

    @Test
    void aHistoryRuleCapsTheStreamsOfTheChannelsItMatchesAndNoOthers() {
        StreamsBroker ruled = redis.node(await(StreamsBroker.connect(redis.vertx(), redis.url(), 1000,
                HistoryPolicy.rules("prices.*=1,1h"), BrokerConnection.untracked()).toCompletionStage()));
        StoredEvent oldPrice = await(ruled.publish(new AdmittedEvent("prices.eur", SseEvent.of(null, "0"))));
        StoredEvent oldChat = await(ruled.publish(new AdmittedEvent("chat", SseEvent.of(null, "0"))));
        for (int i = 1; i <= 300; i++) {
            await(ruled.publish(new AdmittedEvent("prices.eur", SseEvent.of(null, Integer.toString(i)))));
            await(ruled.publish(new AdmittedEvent("chat", SseEvent.of(null, Integer.toString(i)))));
        }

        Replay prices = await(ruled.replay(Set.of("prices.eur"), oldPrice.event().id()));
        Replay chat = await(ruled.replay(Set.of("chat"), oldChat.event().id()));

        assertThat(prices.historyGone()).as("MAXLEN ~ 1 trimmed the matching channel").isTrue();
        assertThat(prices.events()).hasSizeLessThan(300);
        assertThat(chat.historyGone()).as("the default 1000 kept the other channel whole").isFalse();
        assertThat(chat.events()).hasSize(300);
        assertThat(await(ruled.latest(Set.of("prices.eur"), 1)).events()).extracting(e -> e.event().data())
                .containsExactly("300");
    }

    @Test
    void eventsPublishedWhileANodesSubscriptionWasDownAreCaughtUpAndNoGapIsTold() throws Exception {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        List<Gap> gaps = new CopyOnWriteArrayList<>();
        await(broker.subscribe("gap", new BrokerListener() {
            @Override
            public void onEvent(StoredEvent event) {
                received.add(event);
            }

            @Override
            public void onGap(Gap gap) {
                gaps.add(gap);
            }
        }));
        StreamsBroker publisher = extraNode(1000);
        StoredEvent before = await(publisher.publish(new AdmittedEvent("gap", SseEvent.of(null, "before"))));
        assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(before);

        try (CapturedLog connection = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog feed = CapturedLog.of(LiveFeed.class)) {
            // Cut every subscription connection, then publish before the node reconnects (its back-off starts at 100 ms).
            await(redis.raw().send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).toCompletionStage());
            List<StoredEvent> during = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                during.add(await(publisher.publish(new AdmittedEvent("gap", SseEvent.of(null, "during " + i)))));
            }

            for (StoredEvent expected : during) {
                assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(expected);
            }
            connection.awaitMessageContaining("lost the Redis subscription connection");
            connection.awaitMessageContaining("Redis subscription restored (channels: 1)");
            assertThat(feed.awaitMessage()).startsWith("caught up after the Redis outage: ")
                    .endsWith(" events read from streams");
            // Delivered on the subscription context after the logging calls have returned: closing the captures
            // earlier could let a logger that has just fed one of them still reach the console.
            StoredEvent after = await(publisher.publish(new AdmittedEvent("gap", SseEvent.of(null, "after"))));
            assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(after);
        }
        assertNothingMoreArrives(received);
        assertThat(gaps).as("Redis kept what the node missed: no gap to tell").isEmpty();
    }

    @Test
    void aPatternCatchesUpAfterAnOutageOnChannelsThatAppearedDuringIt() throws Exception {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        await(broker.subscribe("gaps.*", received::add));
        StreamsBroker publisher = extraNode(1000);
        StoredEvent before = await(publisher.publish(new AdmittedEvent("gaps.old", SseEvent.of(null, "before"))));
        assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(before);

        try (CapturedLog connection = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog feed = CapturedLog.of(LiveFeed.class)) {
            await(redis.raw().send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")).toCompletionStage());
            List<StoredEvent> during = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                during.add(await(publisher.publish(new AdmittedEvent("gaps.new" + i % 3, SseEvent.of(null, "during " + i)))));
                await(publisher.publish(new AdmittedEvent("other" + i, SseEvent.of(null, "not matched"))));
            }

            for (StoredEvent expected : during) {
                assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(expected);
            }
            connection.awaitMessageContaining("lost the Redis subscription connection");
            connection.awaitMessageContaining("Redis subscription restored (channels: 1)");
            assertThat(feed.awaitMessage()).startsWith("caught up after the Redis outage: ");
            StoredEvent after = await(publisher.publish(new AdmittedEvent("gaps.old", SseEvent.of(null, "after"))));
            assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(after);
        }
        assertNothingMoreArrives(received);
    }

    @Test
    void aMalformedAnnouncementIsSkippedAndDeliveryGoesOn() throws Exception {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        await(broker.subscribe("noise", received::add));

        try (CapturedLog feed = CapturedLog.of(LiveFeed.class); CapturedLog catchUp = CapturedLog.of(CatchUp.class)) {
            await(redis.raw().send(Request.cmd(Command.PUBLISH).arg("herald:live:noise").arg("garbage")).toCompletionStage());
            assertThat(feed.awaitMessage()).isEqualTo("skipping a malformed announcement on herald:live:noise");
            await(redis.raw().send(Request.cmd(Command.PUBLISH).arg("herald:live:noise").arg("1 2 {not json")).toCompletionStage());
            assertThat(catchUp.awaitMessage()).startsWith("skipping an invalid event on noise: ").contains("{not json");
            // Delivered after the warnings' logging calls have returned (one context), so the captures may close.
            StoredEvent fine = publish("noise", "fine");
            assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(fine);
        }
        assertNothingMoreArrives(received);
    }

    @Test
    void aThousandClientsResumingAtOnceAreAllServed() {
        StoredEvent first = publish("crowd", "1");
        publish("crowd", "2");

        List<java.util.concurrent.CompletableFuture<Replay>> replays = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            replays.add(broker.replay(Set.of("crowd"), i % 2 == 0 ? null : first.event().id()).toCompletableFuture());
        }

        for (var replay : replays) {
            assertThat(await(replay).headId()).isNotEmpty();
        }
        assertThat(await(replays.get(1)).events()).extracting(e -> e.event().data()).containsExactly("2");
    }

    @Test
    void eventsOfADataSetRedisCreatesAfterLosingItsDataAreDelivered() throws Exception {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        await(broker.subscribe("reborn", received::add));
        StoredEvent before = publish("reborn", "before");
        assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(before);

        // Redis loses everything within the same second; the next data set must still sort after the old one.
        redis.flushAll();
        StoredEvent after = publish("reborn", "after");

        assertThat(after.sequence()).isGreaterThan(before.sequence());
        assertThat(received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(after);
        Replay replay = await(broker.replay(Set.of("reborn"), before.event().id()));
        assertThat(replay.historyGone()).as("an id of the lost data set").isTrue();
    }
}
