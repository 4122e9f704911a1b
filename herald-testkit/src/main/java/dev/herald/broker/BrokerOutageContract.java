package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.SseEvent;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract's "Outages" for a broker whose backend keeps nothing it missed (a relay such as Redis
 * Pub/Sub): when its feed drops and comes back, every listener, of every channel and pattern, is told of a
 * {@link Gap} in order with the events, and a replay from before the gap says history gone. Implement it beside
 * {@link BrokerContract} with a backend the test can cut and restore.
 */
public interface BrokerOutageContract {

    /** The broker under test, the same one {@link BrokerContract} made for this test. */
    Broker brokerUnderTest();

    /** Cuts the broker's backend; returns once the broker knows (its publishes fail, nothing reaches it). */
    void cutBackend();

    /** Brings the backend back; returns once the broker knows (every channel it holds is held again). */
    void restoreBackend();

    private <T> T awaitStage(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(BrokerContractSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete in " + BrokerContractSupport.PATIENCE, e);
        }
    }

    private StoredEvent publishOn(String channel, String data) {
        return awaitStage(brokerUnderTest().publish(new AdmittedEvent(channel, SseEvent.of(null, data))));
    }

    private HeardListener listen(String channel) {
        HeardListener heard = new HeardListener(BrokerContractSupport.PATIENCE);
        awaitStage(brokerUnderTest().subscribe(channel, heard));
        return heard;
    }

    @Test
    default void everyListenerIsToldOfTheGapInOrderWithTheEvents() {
        HeardListener a = listen("a");
        HeardListener b = listen("b");
        StoredEvent before = publishOn("a", "before");
        assertThat(a.next()).isEqualTo(before);

        cutBackend();
        restoreBackend();
        StoredEvent after = publishOn("a", "after");

        Gap gap = (Gap) a.next();
        assertThat(gap.sequence()).isGreaterThan(before.sequence()).isLessThan(after.sequence());
        assertThat(a.next()).isEqualTo(after);
        assertThat(b.next()).as("a listener of a quiet channel is told too").isEqualTo(gap);
        a.nothingMore(BrokerContractSupport.QUIET);
        b.nothingMore(BrokerContractSupport.QUIET);
    }

    @Test
    default void aReplayFromBeforeTheGapSaysHistoryGoneAndOneFromTheGapDoesNot() {
        HeardListener a = listen("a");
        StoredEvent before = publishOn("a", "before");
        assertThat(a.next()).isEqualTo(before);

        cutBackend();
        restoreBackend();
        Gap gap = (Gap) a.next();
        StoredEvent after = publishOn("a", "after");

        Replay across = awaitStage(brokerUnderTest().replay(Set.of("a"), before.event().id()));
        assertThat(across.historyGone()).isTrue();
        assertThat(across.events()).containsExactly(after);
        Replay fromGap = awaitStage(brokerUnderTest().replay(Set.of("a"), gap.resumeId()));
        assertThat(fromGap.historyGone()).isFalse();
        assertThat(fromGap.events()).containsExactly(after);
        assertThat(awaitStage(brokerUnderTest().replay(Set.of("elsewhere"), before.event().id())).historyGone())
                .as("a channel this node did not hold missed the outage too").isTrue();
    }

    @Test
    default void aHeadReadDuringTheOutageIsBeforeTheGap() {
        listen("a");
        cutBackend();
        String headDuring = awaitStage(brokerUnderTest().replay(Set.of("a"), null)).headId();
        restoreBackend();

        assertThat(awaitStage(brokerUnderTest().replay(Set.of("a"), headDuring)).historyGone()).isTrue();
        String headAfter = awaitStage(brokerUnderTest().replay(Set.of("a"), null)).headId();
        assertThat(awaitStage(brokerUnderTest().replay(Set.of("a"), headAfter)).historyGone()).isFalse();
    }

    @Test
    default void theNewestEventsNeverSayHistoryGoneAcrossAGap() {
        listen("a");
        StoredEvent before = publishOn("a", "before");
        cutBackend();
        restoreBackend();

        Replay latest = awaitStage(brokerUnderTest().latest(Set.of("a"), 5));
        assertThat(latest.historyGone()).isFalse();
        assertThat(latest.events()).containsExactly(before);
    }
}
