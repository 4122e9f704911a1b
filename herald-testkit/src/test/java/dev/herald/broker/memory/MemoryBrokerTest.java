package dev.herald.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerContract;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryBrokerTest extends BrokerContract {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @Override
    protected Broker createBroker() {
        return new MemoryBroker(HistoryPolicy.defaults(), clock);
    }

    /** Replaces the contract's broker by one with the given history policy. */
    private void useHistory(int maxEvents, Duration maxAge) {
        broker.close();
        broker = new MemoryBroker(new HistoryPolicy(maxEvents, maxAge), clock);
    }

    private List<StoredEvent> publishMany(String channel, int count) {
        List<StoredEvent> stored = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            stored.add(publish(channel, channel + i));
        }
        return stored;
    }

    // ---- history bounded by count ----

    @Test
    void historyTrimmedPastTheIdIsGoneAndTheRetainedEventsFollow() {
        useHistory(3, Duration.ofHours(1));
        List<StoredEvent> stored = publishMany("a", 6);

        Replay replay = await(broker.replay(Set.of("a"), stored.get(0).event().id()));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactlyElementsOf(stored.subList(3, 6));
    }

    @Test
    void resumingFromTheNewestTrimmedEventMissesNothing() {
        useHistory(3, Duration.ofHours(1));
        List<StoredEvent> stored = publishMany("a", 6);

        Replay replay = await(broker.replay(Set.of("a"), stored.get(2).event().id()));

        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).containsExactlyElementsOf(stored.subList(3, 6));
    }

    @Test
    void historyIsBoundedPerChannel() {
        useHistory(2, Duration.ofHours(1));
        StoredEvent resumePoint = publish("a", "a0");
        List<StoredEvent> onB = publishMany("b", 5);
        StoredEvent a1 = publish("a", "a1");

        Replay replay = await(broker.replay(Set.of("a"), resumePoint.event().id()));

        assertThat(replay.historyGone()).as("channel a kept both its events").isFalse();
        assertThat(replay.events()).containsExactly(a1);
        assertThat(await(broker.replay(Set.of("b"), resumePoint.event().id())).historyGone()).isTrue();
        assertThat(await(broker.replay(Set.of("b"), resumePoint.event().id())).events())
                .containsExactlyElementsOf(onB.subList(3, 5));
    }

    @Test
    void trimmedPublisherIdIsGone() {
        useHistory(2, Duration.ofHours(1));
        publish("a", new SseEvent("mine-1", null, "x", null));
        List<StoredEvent> later = publishMany("a", 3);

        Replay replay = await(broker.replay(Set.of("a"), "mine-1"));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactlyElementsOf(later.subList(1, 3));
    }

    @Test
    void noHistoryAtAllStillResumesFromTheHead() {
        useHistory(0, Duration.ofHours(1));
        Replay head = await(broker.replay(Set.of("a"), null));
        StoredEvent first = publish("a", "a1");

        Replay fromBefore = await(broker.replay(Set.of("a"), head.headId()));
        Replay fromLatest = await(broker.replay(Set.of("a"), first.event().id()));

        assertThat(fromBefore.historyGone()).isTrue();
        assertThat(fromBefore.events()).isEmpty();
        assertThat(fromLatest.historyGone()).isFalse();
        assertThat(fromLatest.events()).isEmpty();
    }

    // ---- history bounded by age ----

    @Test
    void expiredHistoryIsGoneAndTheFreshEventsFollow() {
        useHistory(100, Duration.ofMinutes(1));
        Replay head = await(broker.replay(Set.of("a"), null));
        publish("a", "old");
        clock.advance(Duration.ofSeconds(30));
        StoredEvent fresh = publish("a", "fresh");
        clock.advance(Duration.ofSeconds(31));

        Replay replay = await(broker.replay(Set.of("a"), head.headId()));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(fresh);
    }

    @Test
    void historyExactlyAsOldAsTheMaximumIsKept() {
        useHistory(100, Duration.ofMinutes(1));
        Replay head = await(broker.replay(Set.of("a"), null));
        StoredEvent event = publish("a", "borderline");
        clock.advance(Duration.ofMinutes(1));

        Replay replay = await(broker.replay(Set.of("a"), head.headId()));

        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).containsExactly(event);
    }

    @Test
    void expiredPublisherIdIsGone() {
        useHistory(100, Duration.ofMinutes(1));
        publish("a", new SseEvent("mine-1", null, "x", null));
        clock.advance(Duration.ofMinutes(2));
        StoredEvent fresh = publish("a", "fresh");

        Replay replay = await(broker.replay(Set.of("a"), "mine-1"));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(fresh);
    }

    // ---- ids this broker cannot place ----

    @Test
    void idFromAnotherEpochIsGone() {
        List<StoredEvent> stored = publishMany("a", 3);

        Replay replay = await(broker.replay(Set.of("a"), "1-5"));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactlyElementsOf(stored);
    }

    @Test
    void idFromBeforeARestartIsGone() {
        StoredEvent beforeRestart = publish("a", "a1");
        broker.close();
        clock.advance(Duration.ofSeconds(5));
        broker = new MemoryBroker(HistoryPolicy.defaults(), clock);
        StoredEvent afterRestart = publish("a", "a2");

        Replay replay = await(broker.replay(Set.of("a"), beforeRestart.event().id()));

        assertThat(afterRestart.event().id()).isNotEqualTo(beforeRestart.event().id());
        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(afterRestart);
    }

    @Test
    void idAheadOfTheHeadIsGone() {
        StoredEvent stored = publish("a", "a1");
        String epoch = stored.event().id().substring(0, stored.event().id().indexOf('-'));

        Replay replay = await(broker.replay(Set.of("a"), epoch + "-99"));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(stored);
    }

    @Test
    void idWithAnOverlongSequenceIsGone() {
        StoredEvent stored = publish("a", "a1");
        String epoch = stored.event().id().substring(0, stored.event().id().indexOf('-'));

        Replay replay = await(broker.replay(Set.of("a"), epoch + "-99999999999999999999999"));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(stored);
    }

    @Test
    void garbageIdIsGone() {
        List<StoredEvent> stored = publishMany("a", 2);

        Replay replay = await(broker.replay(Set.of("a"), "not an id at all"));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactlyElementsOf(stored);
    }

    @Test
    void publisherIdOnAChannelOutsideTheSetIsGone() {
        publish("b", new SseEvent("on-b", null, "x", null));
        StoredEvent onA = publish("a", "a1");

        Replay replay = await(broker.replay(Set.of("a"), "on-b"));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(onA);
    }

    @Test
    void assignedIdsAreEpochDashSequence() {
        StoredEvent stored = publish("a", "a1");

        assertThat(stored.event().id()).isEqualTo(START.toEpochMilli() + "-" + stored.sequence());
        assertThat(await(broker.replay(Set.of("a"), null)).headId()).isEqualTo(stored.event().id());
    }

    @Test
    void republishedPublisherIdResumesFromItsNewestOccurrence() {
        publish("a", new SseEvent("same", null, "first", null));
        publish("a", "between");
        publish("a", new SseEvent("same", null, "second", null));
        StoredEvent after = publish("a", "after");

        Replay replay = await(broker.replay(Set.of("a"), "same"));

        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).containsExactly(after);
    }

    // ---- listeners ----

    @Test
    void cancelledSubscriptionReceivesNothingMoreWhileOthersStillDo() {
        BlockingQueue<StoredEvent> cancelled = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> kept = new LinkedBlockingQueue<>();
        BrokerSubscription subscription = subscribe("a", cancelled);
        subscribe("a", kept);

        subscription.cancel();
        StoredEvent stored = publish("a", "after");

        assertThat(next(kept)).isEqualTo(stored);
        assertNothingMoreArrives(cancelled);
        assertNothingMoreArrives(kept);
    }

    @Test
    void listenerMaySubscribeAnotherWhileReceiving() {
        BlockingQueue<StoredEvent> late = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> early = new LinkedBlockingQueue<>();
        AtomicReference<Boolean> subscribed = new AtomicReference<>(false);
        await(broker.subscribe("a", event -> {
            early.add(event);
            if (!subscribed.getAndSet(true)) {
                broker.subscribe("a", late::add);
            }
        }));

        StoredEvent first = publish("a", "first");
        StoredEvent second = publish("a", "second");

        assertThat(next(early, 2)).containsExactly(first, second);
        assertThat(next(late)).as("registered after the first publish began").isEqualTo(second);
        assertNothingMoreArrives(late);
    }
}
