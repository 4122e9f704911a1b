package dev.herald.broker.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerOutageContract;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.PatternBrokerContract;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** A memory broker behind a relay keeps the Broker contract; here over an in-process relay, in herald-redis over Redis. */
class RelayedBrokerTest extends PatternBrokerContract implements BrokerOutageContract {

    private LoopbackRelay relay;

    @Override
    protected Broker createBroker() {
        relay = new LoopbackRelay();
        return await(RelayedBroker.start(relay, HistoryPolicy.defaults()));
    }

    @Override
    public Broker brokerUnderTest() {
        return broker;
    }

    @Override
    public void cutBackend() {
        await(relay.cut());
    }

    @Override
    public void restoreBackend() {
        await(relay.restore());
    }

    @Test
    void eventsWithoutIdGetAnIdThatIsTheSameOnEveryNode() {
        StoredEvent stored = publish("a", "x");

        assertThat(stored.event().id()).matches("h[0-9a-z]+-1");
    }

    @Test
    void theNodesHistoryKeepsToItsMemoryBudgetOldestEventsFirst() {
        broker.close();
        relay = new LoopbackRelay();
        // each event: its 1,000 characters, an id of the form h<node>-<n> (at most 16 characters) and 256 bytes around
        broker = await(RelayedBroker.start(relay, new HistoryPolicy(100, Duration.ofHours(1),
                2 * (256 + 16 + 1000) + 100)));
        String before = await(broker.replay(Set.of("a", "b"), null)).headId();
        publish("a", "x".repeat(1000));
        StoredEvent b1 = publish("b", "x".repeat(1000));
        StoredEvent a2 = publish("a", "x".repeat(1000));

        Replay replay = await(broker.replay(Set.of("a", "b"), before));

        assertThat(replay.historyGone()).isTrue();
        assertThat(replay.events()).containsExactly(b1, a2);
    }

    @Test
    void messageFromAnotherProgramIsDeliveredAndNumberedHere() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("a", received);

        relay.inject("a", "null|greeting||hello");

        StoredEvent event = next(received);
        assertThat(event.event().data()).isEqualTo("hello");
        assertThat(event.event().type()).isEqualTo("greeting");
        assertThat(await(broker.replay(Set.of("a"), event.event().id())).historyGone()).isFalse();
    }

    @Test
    void messagesThatFailAdmissionAreSkippedAndLogged() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("a", received);

        try (CapturedLog log = CapturedLog.of(RelayedBroker.class)) {
            relay.inject("a", "not a message");
            assertThat(log.awaitMessage()).contains("skipping a message on channel \"a\"");
            relay.inject("a", "12-3|||herald's own id form");
            assertThat(log.awaitMessage()).contains("12-3");
        }
        relay.inject("a", "null|||fine");

        assertThat(next(received).event().data()).isEqualTo("fine");
        assertNothingMoreArrives(received);
    }

    @Test
    void aPublishCaughtByAnOutageFailsAndIsNotSentOnceTheRelayIsBack() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        await(relay.drop());
        // On a channel the node does not hold yet: the publish waits for the relay's hold through the outage.
        CompletionStage<StoredEvent> waiting = broker.publish(new AdmittedEvent("a", SseEvent.of(null, "during")));

        await(relay.cut());
        assertThat(failureOf(waiting)).isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("lost before the event came back");
        await(relay.restore());
        subscribe("a", received);

        StoredEvent after = publish("a", "after");
        assertThat(next(received)).isEqualTo(after);
        assertNothingMoreArrives(received);
        assertThat(await(broker.latest(Set.of("a"), 5)).events()).as("the node, holding a, never received \"during\"")
                .containsExactly(after);
    }

    @Test
    void aPublishOnAHeldChannelDuringAnOutageNotNoticedYetFailsAndIsNotSent() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("a", received);
        await(relay.drop());

        assertThat(failureOf(broker.publish(new AdmittedEvent("a", SseEvent.of(null, "during")))))
                .isInstanceOf(BrokerUnavailableException.class);
        await(relay.cut());
        await(relay.restore());

        StoredEvent after = publish("a", "after");
        assertThat(next(received)).isEqualTo(after);
        assertNothingMoreArrives(received);
    }

    @Test
    void whileTheRelayIsDownPublishingFailsAndAfterItIsBackItWorks() {
        await(relay.cut());
        assertThat(failureOf(broker.publish(new AdmittedEvent("a", SseEvent.of(null, "lost")))))
                .isInstanceOf(BrokerUnavailableException.class);

        await(relay.restore());
        StoredEvent after = publish("a", "after");

        Replay replay = await(broker.replay(Set.of("a"), null));
        assertThat(replay.headSequence()).isEqualTo(after.sequence());
    }
}
