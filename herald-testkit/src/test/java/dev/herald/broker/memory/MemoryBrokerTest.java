package dev.herald.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.Gap;
import dev.herald.broker.PatternBrokerContract;
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

class MemoryBrokerTest extends PatternBrokerContract {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @Override
    protected Broker createBroker() {
        return new MemoryBroker(HistoryPolicy.defaults(), clock);
    }

    /** Replaces the contract's broker by one with the given history policy. */
    private void useHistory(int maxEvents, Duration maxAge) {
        useHistory(maxEvents, maxAge, HistoryPolicy.HISTORY_MEMORY.defaultValue());
    }

    /** Replaces the contract's broker by one with the given history policy, budget included. */
    private MemoryBroker useHistory(int maxEvents, Duration maxAge, int maxBytes) {
        broker.close();
        MemoryBroker memory = new MemoryBroker(new HistoryPolicy(maxEvents, maxAge, maxBytes), clock);
        broker = memory;
        return memory;
    }

    /** An event of 1,000 characters whose id is {@code id}: all of the same size when their ids are. */
    private static SseEvent kilobyte(String id) {
        return new SseEvent(id, null, "x".repeat(1000), null);
    }

    /** What one {@link #kilobyte} event with a two-character id costs in history. */
    private static final int KILOBYTE_EVENT = 256 + 2 + 1000;

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
    void aHistoryRuleGivesTheChannelsItMatchesTheirOwnCountTheFirstMatchWinning() {
        broker.close();
        broker = new MemoryBroker(new HistoryPolicy(3, Duration.ofHours(1), HistoryPolicy.HISTORY_MEMORY.defaultValue(),
                HistoryPolicy.rules("prices.*=1,1h; prices.eur=5,1h")), clock);
        List<StoredEvent> eur = publishMany("prices.eur", 4);
        List<StoredEvent> chat = publishMany("chat", 4);

        assertThat(await(broker.latest(Set.of("prices.eur"), 10)).events()).as("the first rule, not the exact one")
                .containsExactly(eur.get(3));
        assertThat(await(broker.latest(Set.of("chat"), 10)).events()).as("history-size for the unmatched")
                .containsExactlyElementsOf(chat.subList(1, 4));
        assertThat(await(broker.replay(Set.of("prices.eur"), eur.get(1).event().id())).historyGone()).isTrue();
    }

    @Test
    void aHistoryRulesAgeExpiresOnlyTheChannelsItMatches() {
        broker.close();
        broker = new MemoryBroker(new HistoryPolicy(100, Duration.ofHours(1), HistoryPolicy.HISTORY_MEMORY.defaultValue(),
                HistoryPolicy.rules("flash-*=100,10s")), clock);
        StoredEvent flash = publish("flash-sale", "f1");
        StoredEvent news = publish("news", "n1");

        clock.advance(Duration.ofSeconds(11));

        assertThat(await(broker.latest(Set.of("flash-sale"), 10)).events()).isEmpty();
        assertThat(await(broker.replay(Set.of("flash-sale"), flash.event().id())).historyGone()).isFalse();
        assertThat(await(broker.latest(Set.of("news"), 10)).events()).containsExactly(news);
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

    // ---- history bounded by the node's memory budget ----

    @Test
    void theBudgetDropsTheOldestEventsOfAllChannelsFirst() {
        MemoryBroker memory = useHistory(100, Duration.ofHours(1), 3 * KILOBYTE_EVENT);
        String before = await(broker.replay(Set.of("a", "b"), null)).headId();
        publish("a", kilobyte("a1"));
        StoredEvent b1 = publish("b", kilobyte("b1"));
        StoredEvent a2 = publish("a", kilobyte("a2"));
        StoredEvent b2 = publish("b", kilobyte("b2"));

        assertThat(memory.historyBytes()).as("a1 went to make room for b2").isEqualTo(3 * KILOBYTE_EVENT);
        Replay onA = await(broker.replay(Set.of("a"), before));
        assertThat(onA.historyGone()).isTrue();
        assertThat(onA.events()).containsExactly(a2);
        Replay onB = await(broker.replay(Set.of("b"), before));
        assertThat(onB.historyGone()).as("b lost nothing yet").isFalse();
        assertThat(onB.events()).containsExactly(b1, b2);

        StoredEvent a3 = publish("a", kilobyte("a3"));

        assertThat(memory.historyBytes()).isEqualTo(3 * KILOBYTE_EVENT);
        Replay both = await(broker.replay(Set.of("a", "b"), before));
        assertThat(both.historyGone()).isTrue();
        assertThat(both.events()).as("b1, now the oldest of all, went next").containsExactly(a2, b2, a3);
    }

    @Test
    void aClientWhoNeedsAnEventTheBudgetDroppedIsToldHistoryIsGone() {
        // ids the broker gives: "<epoch>-<sequence>", 15 characters for the sequences 1 to 9
        int eventCost = 256 + (START.toEpochMilli() + "-1").length() + 1000;
        useHistory(100, Duration.ofHours(1), 2 * eventCost);
        SseEvent kilobyte = new SseEvent(null, null, "x".repeat(1000), null);
        StoredEvent a1 = publish("a", kilobyte);
        StoredEvent a2 = publish("a", kilobyte);
        StoredEvent a3 = publish("a", kilobyte);
        StoredEvent a4 = publish("a", kilobyte);

        Replay afterA1 = await(broker.replay(Set.of("a"), a1.event().id()));
        Replay afterA2 = await(broker.replay(Set.of("a"), a2.event().id()));

        assertThat(afterA1.historyGone()).as("a2 was dropped").isTrue();
        assertThat(afterA1.events()).containsExactly(a3, a4);
        assertThat(afterA2.historyGone()).as("a client that saw a2 missed nothing").isFalse();
        assertThat(afterA2.events()).containsExactly(a3, a4);
    }

    @Test
    void trimsByCountAndAgeGiveTheirBytesBackToTheBudget() {
        MemoryBroker memory = useHistory(2, Duration.ofMinutes(1), 100 * KILOBYTE_EVENT);
        publish("a", kilobyte("a1"));
        publish("a", kilobyte("a2"));
        publish("a", kilobyte("a3"));
        publish("b", kilobyte("b1"));

        assertThat(memory.historyBytes()).as("a1 trimmed by count").isEqualTo(3 * KILOBYTE_EVENT);

        clock.advance(Duration.ofMinutes(2));
        publish("b", kilobyte("b2"));
        assertThat(memory.historyBytes()).as("b1 expired when b was published to").isEqualTo(3 * KILOBYTE_EVENT);
        await(broker.replay(Set.of("a"), "a1"));
        assertThat(memory.historyBytes()).as("a's expired events dropped when it was replayed").isEqualTo(KILOBYTE_EVENT);
    }

    @Test
    void theBudgetMakesRoomAgainAfterTrimsByCount() {
        MemoryBroker memory = useHistory(1, Duration.ofHours(1), 2 * KILOBYTE_EVENT);
        String before = await(broker.replay(Set.of("a", "b"), null)).headId();
        publish("a", kilobyte("a1"));
        publish("a", kilobyte("a2"));
        StoredEvent b1 = publish("b", kilobyte("b1"));
        StoredEvent a3 = publish("a", kilobyte("a3"));

        assertThat(memory.historyBytes()).isEqualTo(2 * KILOBYTE_EVENT);
        Replay onB = await(broker.replay(Set.of("b"), before));
        assertThat(onB.historyGone()).as("count trims on a left room for b1").isFalse();
        assertThat(onB.events()).containsExactly(b1);
        assertThat(await(broker.replay(Set.of("a"), before)).events()).containsExactly(a3);
    }

    @Test
    void anEventLargerThanTheBudgetIsDeliveredButNotKept() throws Exception {
        MemoryBroker memory = useHistory(100, Duration.ofHours(1), KILOBYTE_EVENT - 1);
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        await(broker.subscribe("a", received::add));
        String before = await(broker.replay(Set.of("a"), null)).headId();

        StoredEvent big = publish("a", kilobyte("a1"));

        assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(big);
        assertThat(memory.historyBytes()).isZero();
        Replay replay = await(broker.replay(Set.of("a"), before));
        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).isEmpty();
    }

    @Test
    void textBeyondLatinOneCountsTwoBytesACharacter() {
        MemoryBroker memory = useHistory(100, Duration.ofHours(1), 100 * KILOBYTE_EVENT);

        publish("a", new SseEvent("a1", null, "\u20ac".repeat(1000), null));

        assertThat(memory.historyBytes()).isEqualTo(256 + 2 + 2000);
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

    @Test
    void aGapIsToldToEveryListenerOfEveryChannelAndPatternInOrder() {
        MemoryBroker memory = (MemoryBroker) broker;
        BlockingQueue<Object> exact = new LinkedBlockingQueue<>();
        BlockingQueue<Object> pattern = new LinkedBlockingQueue<>();
        broker.subscribe("orders.eu", heardInto(exact));
        broker.subscribe("orders.*", heardInto(pattern));
        StoredEvent before = publish("orders.eu", "before");

        Gap gap = memory.gap();
        StoredEvent after = publish("orders.eu", "after");

        assertThat(List.copyOf(exact)).containsExactly(before, gap, after);
        assertThat(List.copyOf(pattern)).containsExactly(before, gap, after);
        assertThat(await(broker.replay(Set.of("orders.*"), before.event().id())).historyGone()).isTrue();
        assertThat(await(broker.replay(Set.of("orders.*"), gap.resumeId())).events()).containsExactly(after);
    }

    private static BrokerListener heardInto(BlockingQueue<Object> queue) {
        return new BrokerListener() {
            @Override
            public void onEvent(StoredEvent event) {
                queue.add(event);
            }

            @Override
            public void onGap(Gap gap) {
                queue.add(gap);
            }
        };
    }
}
