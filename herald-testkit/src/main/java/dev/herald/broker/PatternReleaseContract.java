package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.SseEvent;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link BrokerReleaseContract} for a broker that {@link Broker#matchesPatterns() matches patterns} and holds them as
 * it holds channels: a pattern let go of and held again says history gone from before, for every channel it matches,
 * those this node never saw included.
 */
public interface PatternReleaseContract extends BrokerReleaseContract {

    private <T> T awaitStage(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(BrokerContractSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete in " + BrokerContractSupport.PATIENCE, e);
        }
    }

    private StoredEvent publishOn(String channel, String data) {
        return awaitStage(brokerUnderTest().publish(new AdmittedEvent(channel, SseEvent.of(null, data))));
    }

    private Replay replay(String subscription, String lastEventId) {
        return awaitStage(brokerUnderTest().replay(Set.of(subscription), lastEventId));
    }

    @Test
    default void aPatternListenerBackWithinTheLingerMissesNothing() {
        assertThat(brokerUnderTest().matchesPatterns()).isTrue();
        HeardListener first = new HeardListener(BrokerContractSupport.PATIENCE);
        BrokerSubscription subscription = awaitStage(brokerUnderTest().subscribe("news.*", first));
        StoredEvent x = publishOn("news.a", "x");
        assertThat(first.next()).isEqualTo(x);
        subscription.cancel();

        publishElsewhere("news.b", "while away");
        awaitStage(brokerUnderTest().subscribe("news.*", new HeardListener(BrokerContractSupport.PATIENCE)));

        Replay fromX = replay("news.*", x.event().id());
        assertThat(fromX.historyGone()).isFalse();
        assertThat(fromX.events()).extracting(event -> event.event().data()).containsExactly("while away");
    }

    @Test
    default void aPatternLetGoOfSaysHistoryGoneFromBeforeItWasHeldAgain() {
        assertThat(brokerUnderTest().matchesPatterns()).isTrue();
        HeardListener first = new HeardListener(BrokerContractSupport.PATIENCE);
        BrokerSubscription subscription = awaitStage(brokerUnderTest().subscribe("news.*", first));
        StoredEvent x = publishOn("news.a", "x");
        assertThat(first.next()).isEqualTo(x);
        subscription.cancel();
        awaitLetGo("news.*");
        awaitLetGo("news.a");

        publishElsewhere("news.b", "missed on a channel this node never saw");
        HeardListener again = new HeardListener(BrokerContractSupport.PATIENCE);
        awaitStage(brokerUnderTest().subscribe("news.*", again));
        StoredEvent after = publishOn("news.c", "after");

        Replay fromX = replay("news.*", x.event().id());
        assertThat(fromX.historyGone()).isTrue();
        assertThat(fromX.events()).containsExactly(after);
        assertThat(replay("news.*", after.event().id()).historyGone()).isFalse();
        assertThat(again.next()).isEqualTo(after);
        again.nothingMore(BrokerContractSupport.QUIET);
    }
}
