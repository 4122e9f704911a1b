package dev.herald.broker.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.sse.SseEvent;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The memory broker's hold marks, as a relayed broker places and forgets them (see {@code RelayedBrokerReleaseTest}). */
class MemoryBrokerHoldMarkTest {

    private final MemoryBroker broker = new MemoryBroker(HistoryPolicy.defaults());

    @AfterEach
    void close() {
        broker.close();
    }

    private StoredEvent publish(String channel, String data) {
        return broker.publish(new AdmittedEvent(channel, SseEvent.of(null, data))).toCompletableFuture().join();
    }

    private Replay replay(String subscription, String lastEventId) {
        return broker.replay(Set.of(subscription), lastEventId).toCompletableFuture().join();
    }

    @Test
    void aReplayFromBeforeAMarkSaysHistoryGoneWithWhatHistoryHolds() {
        StoredEvent x = publish("a", "x");
        broker.heldFrom("a", false);
        StoredEvent y = publish("a", "y");

        Replay fromX = replay("a", x.event().id());

        assertThat(fromX.historyGone()).isTrue();
        assertThat(fromX.events()).containsExactly(y);
        assertThat(replay("a", y.event().id()).historyGone()).isFalse();
    }

    @Test
    void aMarkConcernsItsChannelOrPatternOnly() {
        StoredEvent x = publish("a", "x");
        broker.heldFrom("news.*", true);
        broker.heldFrom("b", false);

        assertThat(replay("a", x.event().id()).historyGone()).isFalse();
        assertThat(replay("news.*", x.event().id()).historyGone()).isTrue();
        assertThat(replay("b", x.event().id()).historyGone()).isTrue();
    }

    @Test
    void lettingGoForgetsTheMarkButNotANewerOne() {
        StoredEvent x = publish("a", "x");
        long first = broker.heldFrom("a", false);
        broker.letGo("a", false, first);
        assertThat(replay("a", x.event().id()).historyGone()).isFalse();

        StoredEvent y = publish("a", "y");
        long second = broker.heldFrom("a", false);
        broker.letGo("a", false, first);

        assertThat(replay("a", y.event().id()).historyGone()).as("the newer mark stays").isTrue();
        broker.letGo("a", false, second);
        assertThat(replay("a", y.event().id()).historyGone()).isFalse();
    }

    @Test
    void aMarkBetweenTheMessagesOfOneEventKeepsThemOneEvent() {
        StoredEvent onA = publish("a", "x");
        broker.heldFrom("c", false);

        StoredEvent onB = broker.storeNewestAlsoOn(onA, "b");

        assertThat(onB).isNotNull();
        assertThat(onB.sequence()).isEqualTo(onA.sequence());
    }
}
