package dev.herald.broker.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerContractSupport;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.PatternReleaseContract;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A relayed broker lets go of a channel a linger after its last listener, and a replay from before says history gone;
 * here over an in-process relay, in herald-redis over Redis ({@code PubSubReleaseIT}), in herald-server over Redis with
 * two nodes ({@code UnheldChannelIT}).
 */
class RelayedBrokerReleaseTest extends BrokerContractSupport implements PatternReleaseContract {

    private static final Duration LINGER = Duration.ofMillis(300);
    private static final AtomicInteger ELSEWHERE = new AtomicInteger();

    private LoopbackRelay relay;

    @Override
    protected Broker createBroker() {
        relay = new LoopbackRelay();
        return await(RelayedBroker.start(relay, HistoryPolicy.defaults(), new RelayOptions(LINGER)));
    }

    @Override
    public Broker brokerUnderTest() {
        return broker;
    }

    @Override
    public void publishElsewhere(String channel, String data) {
        SseEvent event = SseEvent.of(null, data).withId("elsewhere-" + ELSEWHERE.incrementAndGet());
        await(relay.send(channel, relay.encode(event)));
    }

    @Override
    public void awaitLetGo(String subscription) {
        Awaitility.await().atMost(LINGER.multipliedBy(2).plus(PATIENCE)).until(() -> !relay.holds(subscription));
    }

    @Test
    void aChannelIdleForItsLingerIsCountedThenLetGoOf() {
        BrokerSubscription subscription = subscribe("a", new LinkedBlockingQueue<>());
        assertThat(((RelayedBroker) broker).lingering()).isZero();

        subscription.cancel();

        assertThat(((RelayedBroker) broker).lingering()).isEqualTo(1);
        assertThat(relay.holds("a")).as("held through the linger").isTrue();
        awaitLetGo("a");
        assertThat(((RelayedBroker) broker).lingering()).isZero();
    }

    @Test
    void withoutALingerAChannelIsLetGoOfAtOnce() {
        broker.close();
        relay = new LoopbackRelay();
        broker = await(RelayedBroker.start(relay, HistoryPolicy.defaults(), new RelayOptions(Duration.ZERO)));
        BrokerSubscription subscription = subscribe("a", new LinkedBlockingQueue<>());

        subscription.cancel();

        assertThat(relay.holds("a")).isFalse();
        assertThat(((RelayedBroker) broker).lingering()).isZero();
    }
}
