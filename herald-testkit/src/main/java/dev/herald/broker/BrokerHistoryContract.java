package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.SseEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The history half of the {@link Broker} contract: replay after an id and the newest events, with no gap and no
 * duplicate against live delivery. Part of {@link BrokerContract}, which every implementation extends.
 */
public abstract class BrokerHistoryContract extends BrokerBroadcastContract {

    // ---- replay ----

    @Test
    void replayWithoutIdReturnsNoEventsAndTheHead() {
        publish("a", "1");
        StoredEvent last = publish("b", "2");

        Replay replay = await(broker.replay(Set.of("a"), null));

        assertThat(replay.events()).isEmpty();
        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.headSequence()).isEqualTo(last.sequence());
        assertThat(replay.headId()).isNotBlank();
    }

    @Test
    void headIdResumesAfterTheHead() {
        publish("a", "before");
        Replay head = await(broker.replay(Set.of("a"), null));

        Replay nothingNew = await(broker.replay(Set.of("a"), head.headId()));
        StoredEvent after = publish("a", "after");
        Replay oneNew = await(broker.replay(Set.of("a"), head.headId()));

        assertThat(nothingNew.events()).isEmpty();
        assertThat(nothingNew.historyGone()).isFalse();
        assertThat(oneNew.events()).containsExactly(after);
        assertThat(oneNew.historyGone()).isFalse();
    }

    @Test
    void headIdOfAnEmptyBrokerResumesFromTheStart() {
        // Subscribed first, as a client is: a relayed broker's history of a channel begins when the node holds it.
        subscribe("a", new LinkedBlockingQueue<>());
        Replay head = await(broker.replay(Set.of("a"), null));
        StoredEvent first = publish("a", "first");

        Replay replay = await(broker.replay(Set.of("a"), head.headId()));

        assertThat(replay.events()).containsExactly(first);
        assertThat(replay.historyGone()).isFalse();
    }

    @Test
    void replayAfterAnIdReturnsTheLaterEventsOfThatChannelOldestFirst() {
        List<StoredEvent> onA = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            onA.add(publish("a", "a" + i));
            publish("b", "b" + i);
        }

        Replay replay = await(broker.replay(Set.of("a"), onA.get(1).event().id()));

        assertThat(replay.events()).containsExactlyElementsOf(onA.subList(2, 5));
        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.headSequence()).isGreaterThanOrEqualTo(onA.get(4).sequence());
    }

    @Test
    void replayOnSeveralChannelsMergesTheirEventsInSequenceOrder() {
        subscribe("a", new LinkedBlockingQueue<>());
        subscribe("b", new LinkedBlockingQueue<>());
        StoredEvent resumePoint = publish("a", "a0");
        List<StoredEvent> expected = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            expected.add(publish("b", "b" + i));
            publish("c", "c" + i);
            expected.add(publish("a", "a" + i));
            expected.add(publish("a", "a" + i + "'"));
        }

        Replay replay = await(broker.replay(Set.of("a", "b"), resumePoint.event().id()));

        assertThat(replay.events()).containsExactlyElementsOf(expected);
        assertThat(replay.historyGone()).isFalse();
    }

    @Test
    void replayIsResumableFromAnEventOfAnyOfTheChannels() {
        publish("a", "a1");
        StoredEvent resumePoint = publish("b", "b1");
        StoredEvent a2 = publish("a", "a2");
        StoredEvent b2 = publish("b", "b2");

        Replay replay = await(broker.replay(Set.of("a", "b"), resumePoint.event().id()));

        assertThat(replay.events()).containsExactly(a2, b2);
        assertThat(replay.historyGone()).isFalse();
    }

    @Test
    void replayResumesFromAPublisherSuppliedId() {
        publish("a", "before");
        publish("a", new SseEvent("invoice-9", "paid", "9", null));
        StoredEvent next = publish("a", "next");
        StoredEvent own = publish("a", new SseEvent("invoice-10", "paid", "10", null));

        Replay replay = await(broker.replay(Set.of("a"), "invoice-9"));

        assertThat(replay.events()).containsExactly(next, own);
        assertThat(replay.historyGone()).isFalse();
    }

    @Test
    void noGapBetweenReplayAndLiveWhilePublishing() throws Exception {
        StoredEvent resumePoint = publish("a", "start");
        BlockingQueue<StoredEvent> live = new LinkedBlockingQueue<>();
        subscribe("a", live);
        int total = 400;
        CountDownLatch halfway = new CountDownLatch(1);

        Future<List<StoredEvent>> publishing = pool(1).submit(() -> {
            List<StoredEvent> stored = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                stored.add(await(broker.publish(new AdmittedEvent("a", SseEvent.of(null, "e" + i)))));
                if (i == total / 4) {
                    halfway.countDown();
                }
            }
            return stored;
        });
        assertThat(halfway.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Replay replay = await(broker.replay(Set.of("a"), resumePoint.event().id()));
        List<StoredEvent> published = publishing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        List<StoredEvent> liveEvents = next(live, total);
        assertNothingMoreArrives(live);
        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).extracting(StoredEvent::sequence).allMatch(s -> s <= replay.headSequence());
        List<StoredEvent> seen = new ArrayList<>(replay.events());
        liveEvents.stream().filter(e -> e.sequence() > replay.headSequence()).forEach(seen::add);
        assertThat(seen).as("every event once, in order: replayed up to the head, live after it")
                .containsExactlyElementsOf(published);
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
    }

    @Test
    void replayIgnoresChannelsOutsideTheSet() {
        StoredEvent resumePoint = publish("a", "a0");
        publish("b", "b1");
        StoredEvent a1 = publish("a", "a1");

        assertThat(await(broker.replay(Set.of("a"), resumePoint.event().id())).events()).containsExactly(a1);
    }

    @Test
    void replayedEventsCarryTheirIds() {
        StoredEvent resumePoint = publish("a", "a0");
        publish("a", "a1");

        assertThat(await(broker.replay(Set.of("a"), resumePoint.event().id())).events())
                .allSatisfy(e -> assertThat(e.event().id()).isNotNull());
    }

    // ---- the newest events ----

    @Test
    void latestReturnsTheNewestEventsOfTheChannelsOldestFirst() {
        List<StoredEvent> onAOrB = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            onAOrB.add(publish("a", "a" + i));
            publish("c", "c" + i);
            onAOrB.add(publish("b", "b" + i));
        }

        Replay latest = await(broker.latest(Set.of("a", "b"), 3));

        assertThat(latest.events()).containsExactlyElementsOf(onAOrB.subList(5, 8));
        assertThat(latest.historyGone()).isFalse();
        assertThat(latest.headSequence()).isGreaterThanOrEqualTo(onAOrB.get(7).sequence());
    }

    @Test
    void latestTakesTheNewestAcrossChannelsEvenWhenOneChannelHoldsThemAll() {
        StoredEvent oldOnB = publish("b", "b-old");
        List<StoredEvent> onA = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            onA.add(publish("a", "a" + i));
        }

        assertThat(await(broker.latest(Set.of("a", "b"), 2)).events()).containsExactlyElementsOf(onA.subList(3, 5));
        assertThat(await(broker.latest(Set.of("a", "b"), 6)).events()).first().isEqualTo(oldOnB);
    }

    @Test
    void latestWithFewerEventsThanAskedReturnsAllThatAreHeld() {
        StoredEvent first = publish("a", "1");
        StoredEvent second = publish("a", "2");

        assertThat(await(broker.latest(Set.of("a"), 10)).events()).containsExactly(first, second);
    }

    @Test
    void latestOfNothingIsEmptyWithAHeadThatResumes() {
        publish("b", "elsewhere");
        Replay none = await(broker.latest(Set.of("a"), 5));
        Replay zero = await(broker.latest(Set.of("b"), 0));
        StoredEvent after = publish("a", "after");

        assertThat(none.events()).isEmpty();
        assertThat(zero.events()).isEmpty();
        assertThat(none.historyGone()).isFalse();
        assertThat(await(broker.replay(Set.of("a"), none.headId())).events()).containsExactly(after);
    }

    @Test
    void latestThenLiveAboveItsHeadHasNoGapAndNoDuplicateWhilePublishing() throws Exception {
        for (int i = 0; i < 10; i++) {
            publish("a", "old" + i);
        }
        BlockingQueue<StoredEvent> live = new LinkedBlockingQueue<>();
        subscribe("a", live);
        int total = 300;
        CountDownLatch started = new CountDownLatch(1);

        Future<List<StoredEvent>> publishing = pool(1).submit(() -> {
            List<StoredEvent> stored = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                stored.add(await(broker.publish(new AdmittedEvent("a", SseEvent.of(null, "e" + i)))));
                if (i == total / 4) {
                    started.countDown();
                }
            }
            return stored;
        });
        assertThat(started.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Replay latest = await(broker.latest(Set.of("a"), 5));
        List<StoredEvent> published = publishing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        List<StoredEvent> liveEvents = next(live, total);
        assertNothingMoreArrives(live);
        assertThat(latest.events()).hasSize(5);
        assertThat(latest.events()).extracting(StoredEvent::sequence).isSorted().allMatch(s -> s <= latest.headSequence());
        assertThat(latest.events().get(4).sequence()).as("the newest at the head").isEqualTo(latest.headSequence());
        List<StoredEvent> seen = new ArrayList<>(latest.events());
        liveEvents.stream().filter(e -> e.sequence() > latest.headSequence()).forEach(seen::add);
        int firstShown = published.indexOf(latest.events().get(0));
        assertThat(firstShown).as("the newest are of this run: the publisher was running").isNotNegative();
        assertThat(seen).as("the newest five, then every later event once, in order")
                .containsExactlyElementsOf(published.subList(firstShown, total));
    }
}
