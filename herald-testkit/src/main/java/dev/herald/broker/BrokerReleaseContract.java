package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.SseEvent;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract's "Channels let go of", for a broker that receives what other nodes publish on a channel
 * only while this node holds it (a relay such as Redis Pub/Sub), for a linger after its last listener left: a listener
 * back within the linger misses nothing; once the node let go, a replay from before says history gone, never a silent
 * "nothing after". Implement it on a {@link BrokerContractSupport} whose broker's linger is short (well under a second,
 * as each test that lets go waits it out) but longer than a few steps of a test.
 */
public interface BrokerReleaseContract {

    /** The broker under test, the one {@link BrokerContractSupport#createBroker()} made for this test. */
    Broker brokerUnderTest();

    /**
     * Another node (or program) publishes {@code data} on {@code channel}, with an id of its own; returns once the
     * backend took it and, if this node holds the channel, once this node stored it.
     */
    void publishElsewhere(String channel, String data);

    /**
     * Waits (bounded) until the backend no longer delivers {@code subscription} (a channel, or a pattern) to this
     * node: the linger after its last listener ran out.
     */
    void awaitLetGo(String subscription);

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

    private BrokerSubscription listen(String subscription, HeardListener heard) {
        return awaitStage(brokerUnderTest().subscribe(subscription, heard));
    }

    private Replay replay(String subscription, String lastEventId) {
        return awaitStage(brokerUnderTest().replay(Set.of(subscription), lastEventId));
    }

    private static java.util.List<String> dataOf(Replay replay) {
        return replay.events().stream().map(event -> event.event().data()).toList();
    }

    @Test
    default void aListenerBackWithinTheLingerMissesNothing() {
        HeardListener first = new HeardListener(BrokerContractSupport.PATIENCE);
        BrokerSubscription subscription = listen("a", first);
        StoredEvent x = publishOn("a", "x");
        assertThat(first.next()).isEqualTo(x);
        subscription.cancel();

        publishElsewhere("a", "while away");
        listen("a", new HeardListener(BrokerContractSupport.PATIENCE));

        Replay fromX = replay("a", x.event().id());
        assertThat(fromX.historyGone()).isFalse();
        assertThat(dataOf(fromX)).containsExactly("while away");
    }

    @Test
    default void aChannelLetGoOfSaysHistoryGoneFromBeforeItWasHeldAgain() {
        HeardListener first = new HeardListener(BrokerContractSupport.PATIENCE);
        BrokerSubscription subscription = listen("a", first);
        StoredEvent x = publishOn("a", "x");
        assertThat(first.next()).isEqualTo(x);
        subscription.cancel();
        awaitLetGo("a");

        publishElsewhere("a", "missed");
        HeardListener again = new HeardListener(BrokerContractSupport.PATIENCE);
        listen("a", again);
        String headAfter = replay("a", null).headId();
        StoredEvent after = publishOn("a", "after");

        Replay fromX = replay("a", x.event().id());
        assertThat(fromX.historyGone()).as("a replay from before the channel was let go of").isTrue();
        assertThat(fromX.events()).as("what history still holds").containsExactly(after);
        Replay fromHead = replay("a", headAfter);
        assertThat(fromHead.historyGone()).as("a replay from a head read once it was held again").isFalse();
        assertThat(fromHead.events()).containsExactly(after);
        assertThat(again.next()).as("no gap is told: no live listener had it").isEqualTo(after);
        again.nothingMore(BrokerContractSupport.QUIET);
    }

    @Test
    default void aReplayOfAChannelNotHeldSaysHistoryGoneAndTheNewestEventsStay() {
        HeardListener first = new HeardListener(BrokerContractSupport.PATIENCE);
        BrokerSubscription subscription = listen("a", first);
        StoredEvent x = publishOn("a", "x");
        StoredEvent y = publishOn("a", "y");
        assertThat(first.next()).isEqualTo(x);
        subscription.cancel();
        awaitLetGo("a");

        Replay fromX = replay("a", x.event().id());
        assertThat(fromX.historyGone()).as("what others publish on a channel not held never comes here").isTrue();
        assertThat(fromX.events()).containsExactly(y);
        Replay latest = awaitStage(brokerUnderTest().latest(Set.of("a"), 5));
        assertThat(latest.historyGone()).isFalse();
        assertThat(latest.events()).containsExactly(x, y);
    }

    @Test
    default void aPublishHoldsItsChannelForTheLingerToo() {
        StoredEvent x = publishOn("a", "x");
        publishElsewhere("a", "right after");
        listen("a", new HeardListener(BrokerContractSupport.PATIENCE));

        Replay fromX = replay("a", x.event().id());
        assertThat(fromX.historyGone()).isFalse();
        assertThat(dataOf(fromX)).containsExactly("right after");
    }
}
