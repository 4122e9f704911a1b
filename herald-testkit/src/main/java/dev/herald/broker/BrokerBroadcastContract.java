package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.SseEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The broadcast part of the {@link Broker} contract ({@link Broker#broadcast}): one event on several channels has one
 * id and one sequence, reaches each channel's listeners, and is in each channel's history once. Part of
 * {@link BrokerContract}, which every implementation extends; skipped (passes) for a broker that does not
 * {@link Broker#broadcasts() broadcast}, whose refusal is checked instead.
 */
public abstract class BrokerBroadcastContract extends BrokerContractSupport {

    protected StoredEvent broadcast(List<String> channels, String data) {
        return await(broker.broadcast(new Broadcast(channels, SseEvent.of(null, data))));
    }

    @Test
    void aBroadcastIsOneEventWithOneIdOnEveryChannel() {
        if (!broker.broadcasts()) {
            assertThat(failureOf(broker.broadcast(new Broadcast(List.of("a", "b"), SseEvent.of(null, "x")))))
                    .isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        BlockingQueue<StoredEvent> onA = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> onB = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> onC = new LinkedBlockingQueue<>();
        subscribe("a", onA);
        subscribe("b", onB);
        subscribe("c", onC);
        StoredEvent before = publish("a", "before");

        StoredEvent stored = broadcast(List.of("a", "b"), "both");

        assertThat(stored.channel()).isEqualTo("a");
        assertThat(stored.sequence()).isGreaterThan(before.sequence());
        assertThat(next(onA, 2)).extracting(StoredEvent::sequence).containsExactly(before.sequence(), stored.sequence());
        StoredEvent receivedOnB = next(onB);
        assertThat(receivedOnB.channel()).isEqualTo("b");
        assertThat(receivedOnB.sequence()).isEqualTo(stored.sequence());
        assertThat(receivedOnB.event()).isEqualTo(stored.event());
        assertNothingMoreArrives(onA);
        assertNothingMoreArrives(onB);
        assertNothingMoreArrives(onC);
    }

    @Test
    void aListenerOfTwoOfTheChannelsIsHandedTheEventWithOneSequence() {
        if (!broker.broadcasts()) {
            return;
        }
        BlockingQueue<StoredEvent> both = new LinkedBlockingQueue<>();
        subscribe("a", both);
        subscribe("b", both);

        StoredEvent stored = broadcast(List.of("a", "b", "c"), "three");
        StoredEvent after = publish("b", "after");

        // Called once per channel, both with the event's one sequence: the hub sends a sequence once.
        List<StoredEvent> received = next(both, 3);
        assertThat(received).extracting(StoredEvent::sequence)
                .containsExactly(stored.sequence(), stored.sequence(), after.sequence());
        assertThat(received).extracting(StoredEvent::channel).containsExactlyInAnyOrder("a", "b", "b");
        assertNothingMoreArrives(both);
    }

    @Test
    void aBroadcastIsReplayedOnceFromAnyOfItsChannels() {
        if (!broker.broadcasts()) {
            return;
        }
        StoredEvent resumePoint = publish("c", "resume here");
        StoredEvent stored = broadcast(List.of("a", "b", "c"), "everywhere");
        StoredEvent later = publish("b", "later");

        assertThat(dataOf(await(broker.replay(Set.of("a", "b", "c"), resumePoint.event().id())).events()))
                .containsExactly("everywhere", "later");
        for (String channel : List.of("a", "b", "c")) {
            Replay one = await(broker.replay(Set.of(channel), resumePoint.event().id()));
            assertThat(one.events()).extracting(StoredEvent::sequence).contains(stored.sequence());
            assertThat(one.events()).extracting(e -> e.event().id()).containsOnlyOnce(stored.event().id());
        }
        // Resuming from the broadcast's one id, on any of its channels, gives what came after it.
        Replay afterIt = await(broker.replay(Set.of("a", "b"), stored.event().id()));
        assertThat(afterIt.historyGone()).isFalse();
        assertThat(afterIt.events()).containsExactly(later);
        assertThat(await(broker.replay(Set.of("a"), stored.event().id())).events()).isEmpty();
        assertThat(dataOf(await(broker.latest(Set.of("a", "b"), 5)).events())).containsExactly("everywhere", "later");
    }

    @Test
    void aBroadcastKeepsThePublishersOwnId() {
        if (!broker.broadcasts()) {
            return;
        }
        StoredEvent stored = await(broker.broadcast(new Broadcast(List.of("a", "b"), new SseEvent("order-7", null, "x", null))));

        assertThat(stored.event().id()).isEqualTo("order-7");
        Replay replay = await(broker.replay(Set.of("a", "b"), "order-7"));
        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).isEmpty();
    }
}
