package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.AdmittedEvent;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises of the {@link Broker} interface, kept by every implementation: extend it with a factory for a fresh
 * broker (and whatever tests only that mechanism needs).
 */
public abstract class BrokerContract {

    /** How long a test waits for something that should come. */
    protected static final Duration PATIENCE = Duration.ofSeconds(5);
    /** How long a test waits to be sure that something does not come. */
    protected static final Duration QUIET = Duration.ofMillis(200);

    protected Broker broker;
    private final List<ExecutorService> pools = new ArrayList<>();

    /** A new, empty broker; closed after each test. */
    protected abstract Broker createBroker();

    @BeforeEach
    void openBroker() {
        broker = createBroker();
    }

    @AfterEach
    void closeBroker() {
        pools.forEach(ExecutorService::shutdownNow);
        broker.close();
    }

    // ---- helpers ----

    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the stage failed", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete in " + PATIENCE, e);
        }
    }

    protected static Throwable failureOf(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete in " + PATIENCE, e);
        }
        throw new AssertionError("the stage completed normally but was expected to fail");
    }

    protected StoredEvent publish(String channel, String data) {
        return await(broker.publish(new AdmittedEvent(channel, SseEvent.of(null, data))));
    }

    protected StoredEvent publish(String channel, SseEvent event) {
        return await(broker.publish(new AdmittedEvent(channel, event)));
    }

    protected BrokerSubscription subscribe(String channel, BlockingQueue<StoredEvent> into) {
        return await(broker.subscribe(channel, into::add));
    }

    protected static StoredEvent next(BlockingQueue<StoredEvent> queue) {
        try {
            StoredEvent event = queue.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + PATIENCE).isNotNull();
            return event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected static List<StoredEvent> next(BlockingQueue<StoredEvent> queue, int count) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next(queue));
        }
        return events;
    }

    protected static void assertNothingMoreArrives(BlockingQueue<StoredEvent> queue) {
        try {
            assertThat(queue.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected static List<String> dataOf(List<StoredEvent> events) {
        return events.stream().map(e -> e.event().data()).toList();
    }

    protected ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    // ---- one order ----

    @Test
    void sequencesGrowAcrossChannelsInPublishOrder() {
        List<StoredEvent> stored = List.of(publish("a", "1"), publish("b", "2"), publish("a", "3"), publish("c", "4"));

        assertThat(stored).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(stored).extracting(StoredEvent::channel).containsExactly("a", "b", "a", "c");
    }

    @Test
    void listenerReceivesEventsOfItsChannelsInSequenceOrder() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("a", received);
        subscribe("b", received);

        List<StoredEvent> stored = List.of(publish("a", "1"), publish("b", "2"), publish("c", "x"), publish("a", "3"));

        assertThat(next(received, 3)).containsExactly(stored.get(0), stored.get(1), stored.get(3));
        assertNothingMoreArrives(received);
    }

    @Test
    void listenersSeeConcurrentPublishesInOneOrder() throws Exception {
        BlockingQueue<StoredEvent> first = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> second = new LinkedBlockingQueue<>();
        subscribe("a", first);
        subscribe("a", second);
        int publishers = 4;
        int each = 100;
        ExecutorService pool = pool(publishers);
        CountDownLatch start = new CountDownLatch(1);

        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            running.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    await(broker.publish(new AdmittedEvent("a", SseEvent.of(null, publisher + ":" + i))));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> publishing : running) {
            publishing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        List<StoredEvent> seenByFirst = next(first, publishers * each);
        List<StoredEvent> seenBySecond = next(second, publishers * each);
        assertThat(seenByFirst).extracting(StoredEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(seenBySecond).isEqualTo(seenByFirst);
        for (int p = 0; p < publishers; p++) {
            String prefix = p + ":";
            assertThat(dataOf(seenByFirst).stream().filter(d -> d.startsWith(prefix)).toList())
                    .as("publisher %d's events in its own order", p)
                    .containsExactlyElementsOf(IntStream.range(0, each).mapToObj(i -> prefix + i).toList());
        }
        assertNothingMoreArrives(first);
        assertNothingMoreArrives(second);
    }

    // ---- ids ----

    @Test
    void eventPublishedWithoutIdGetsOneFromTheBroker() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("a", received);

        StoredEvent first = publish("a", "1");
        StoredEvent second = publish("a", "2");

        assertThat(first.event().id()).isNotBlank();
        assertThat(second.event().id()).isNotBlank().isNotEqualTo(first.event().id());
        assertThat(next(received, 2)).extracting(e -> e.event().id())
                .containsExactly(first.event().id(), second.event().id());
    }

    @Test
    void storedEventKeepsTheOtherFields() {
        StoredEvent stored = publish("a", new SseEvent(null, "price", "1.5", 2000L));

        assertThat(stored.channel()).isEqualTo("a");
        assertThat(stored.event()).isEqualTo(new SseEvent(stored.event().id(), "price", "1.5", 2000L));
    }

    @Test
    void publishersOwnIdIsKept() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("a", received);

        StoredEvent stored = publish("a", new SseEvent("order-17", "created", "{}", null));

        assertThat(stored.event().id()).isEqualTo("order-17");
        assertThat(next(received).event().id()).isEqualTo("order-17");
    }

    @Test
    void idsThatOnlyLookLikeHeraldsAreAccepted() {
        assertThat(publish("a", new SseEvent("v1-2", null, "x", null)).event().id()).isEqualTo("v1-2");
        assertThat(publish("a", new SseEvent("1-2-3", null, "x", null)).event().id()).isEqualTo("1-2-3");
        assertThat(publish("a", new SseEvent("12", null, "x", null)).event().id()).isEqualTo("12");
    }

    // ---- delivery ----

    @Test
    void listenerOfAnotherChannelReceivesNothing() {
        BlockingQueue<StoredEvent> onB = new LinkedBlockingQueue<>();
        subscribe("b", onB);

        publish("a", "1");

        assertNothingMoreArrives(onB);
    }

    @Test
    void aCompletedPublishHasAlreadyReachedTheListenersSubscribedBeforeIt() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("a", received);

        for (int i = 0; i < 50; i++) {
            StoredEvent stored = publish("a", "e" + i);
            assertThat(received.poll()).as("delivered by the time publish %d completed", i).isEqualTo(stored);
        }
        assertNothingMoreArrives(received);
    }

    @Test
    void everyListenerOfTheChannelReceivesTheEventOnce() {
        BlockingQueue<StoredEvent> first = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> second = new LinkedBlockingQueue<>();
        subscribe("a", first);
        subscribe("a", second);

        StoredEvent stored = publish("a", "1");

        assertThat(next(first)).isEqualTo(stored);
        assertThat(next(second)).isEqualTo(stored);
        assertNothingMoreArrives(first);
        assertNothingMoreArrives(second);
    }

    @Test
    void cancelledListenerReceivesNothingMore() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        BrokerSubscription subscription = subscribe("a", received);
        publish("a", "before");
        assertThat(next(received).event().data()).isEqualTo("before");

        subscription.cancel();
        subscription.cancel();
        publish("a", "after");

        assertNothingMoreArrives(received);
    }

    @Test
    void publishingAfterCloseFails() {
        broker.close();

        assertThat(failureOf(broker.publish(new AdmittedEvent("a", SseEvent.of(null, "late")))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failingListenerDoesNotKeepTheEventFromOthers() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        await(broker.subscribe("a", event -> {
            throw new IllegalStateException("a broken listener");
        }));
        subscribe("a", received);

        try (CapturedLog log = CapturedLog.of(ChannelListeners.class)) {
            StoredEvent stored = publish("a", "x");

            assertThat(next(received)).isEqualTo(stored);
            assertThat(log.awaitMessage()).contains("a broker listener failed on event " + stored.event().id());
        }
    }

    @Test
    void listenerMayCancelItsOwnSubscriptionWhileReceiving() {
        BlockingQueue<StoredEvent> oneShot = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> others = new LinkedBlockingQueue<>();
        AtomicReference<BrokerSubscription> self = new AtomicReference<>();
        self.set(await(broker.subscribe("a", event -> {
            oneShot.add(event);
            self.get().cancel();
        })));
        subscribe("a", others);

        StoredEvent first = publish("a", "first");
        StoredEvent second = publish("a", "second");

        assertThat(next(oneShot)).isEqualTo(first);
        assertThat(next(others, 2)).containsExactly(first, second);
        assertNothingMoreArrives(oneShot);
        assertNothingMoreArrives(others);
    }

    @Test
    void theSameListenerRegisteredTwiceIsCancelledOneRegistrationAtATime() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        BrokerListener listener = received::add;
        BrokerSubscription first = await(broker.subscribe("a", listener));
        await(broker.subscribe("a", listener));

        first.cancel();
        first.cancel();
        StoredEvent stored = publish("a", "x");

        assertThat(next(received)).isEqualTo(stored);
        assertNothingMoreArrives(received);
    }

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

    @Test
    void storedEventWithoutIdCannotExist() {
        assertThatThrownBy(() -> new StoredEvent("a", 1, SseEvent.of(null, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
