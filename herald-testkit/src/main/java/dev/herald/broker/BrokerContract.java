package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The promises of the {@link Broker} interface, kept by every implementation: extend it with a factory for a fresh
 * broker (and whatever tests only that mechanism needs). The live half (one order, ids, listeners) is here, the history
 * half in {@link BrokerHistoryContract}.
 */
public abstract class BrokerContract extends BrokerHistoryContract {

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

    @Test
    void storedEventWithoutIdCannotExist() {
        assertThatThrownBy(() -> new StoredEvent("a", 1, SseEvent.of(null, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
