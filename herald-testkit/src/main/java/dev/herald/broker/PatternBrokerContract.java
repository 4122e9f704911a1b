package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract, and the promises of a broker that {@link Broker#matchesPatterns() matches patterns}:
 * a pattern listener receives every channel the pattern matches (those that appear later too) in the one order, never
 * a reserved channel; replay and the newest events read every matched channel.
 */
public abstract class PatternBrokerContract extends BrokerContract {

    @Test
    void theBrokerSaysItMatchesPatterns() {
        assertThat(broker.matchesPatterns()).isTrue();
    }

    @Test
    void aPatternListenerReceivesEveryMatchingChannelInOrderAndNoOther() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("orders.*", received);

        StoredEvent eu = publish("orders.eu", "1");
        publish("news", "x");
        publish("orders", "x");
        StoredEvent appearedLater = publish("orders.us.west", "2");
        StoredEvent euAgain = publish("orders.eu", "3");

        assertThat(next(received, 3)).containsExactly(eu, appearedLater, euAgain);
        assertNothingMoreArrives(received);
    }

    @Test
    void patternsOfEveryPrefixLengthReceiveWhatTheyMatchAndNothingElse() {
        java.util.Map<String, BlockingQueue<StoredEvent>> byPattern = new java.util.LinkedHashMap<>();
        for (String pattern : List.of("p*", "pa*", "*b", "pab.*", "x*", "pab.1.*")) {
            BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
            subscribe(pattern, received);
            byPattern.put(pattern, received);
        }

        StoredEvent deep = publish("pab.1", "1");
        StoredEvent shortOne = publish("pab", "2");

        assertThat(next(byPattern.get("p*"), 2)).containsExactly(deep, shortOne);
        assertThat(next(byPattern.get("pa*"), 2)).containsExactly(deep, shortOne);
        assertThat(next(byPattern.get("*b"))).isEqualTo(shortOne);
        assertThat(next(byPattern.get("pab.*"))).isEqualTo(deep);
        byPattern.values().forEach(BrokerContractSupport::assertNothingMoreArrives);
    }

    @Test
    void aPatternNeverReceivesAReservedChannel() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        subscribe("*", received);

        publish(ChannelNames.STATUS, "{}");
        StoredEvent ordinary = publish("news", "x");

        assertThat(next(received)).isEqualTo(ordinary);
        assertNothingMoreArrives(received);
    }

    @Test
    void aPatternAndAChannelItMatchesEachReceiveTheEventOnce() {
        BlockingQueue<StoredEvent> byPattern = new LinkedBlockingQueue<>();
        BlockingQueue<StoredEvent> byName = new LinkedBlockingQueue<>();
        subscribe("orders.*", byPattern);
        subscribe("orders.eu", byName);

        StoredEvent eu = publish("orders.eu", "1");

        assertThat(next(byPattern)).isEqualTo(eu);
        assertThat(next(byName)).isEqualTo(eu);
        assertNothingMoreArrives(byPattern);
        assertNothingMoreArrives(byName);
    }

    @Test
    void replayOnAPatternMergesEveryMatchedChannelAfterTheCursor() {
        // Subscribed first, as a client is: a relayed broker's history of a pattern begins when the node holds it.
        subscribe("orders.*", new LinkedBlockingQueue<>());
        StoredEvent cursor = publish("orders.eu", "0");
        StoredEvent eu = publish("orders.eu", "1");
        publish("news", "x");
        StoredEvent us = publish("orders.us", "2");
        StoredEvent newChannel = publish("orders.asia", "3");

        Replay replay = await(broker.replay(Set.of("orders.*"), cursor.event().id()));

        assertThat(replay.historyGone()).isFalse();
        assertThat(replay.events()).containsExactly(eu, us, newChannel);
    }

    @Test
    void replayOnAPatternAndAChannelItMatchesHoldsEachEventOnce() {
        subscribe("orders.*", new LinkedBlockingQueue<>());
        subscribe("orders.eu", new LinkedBlockingQueue<>());
        StoredEvent cursor = publish("orders.eu", "0");
        StoredEvent eu = publish("orders.eu", "1");
        StoredEvent us = publish("orders.us", "2");

        Replay replay = await(broker.replay(Set.of("orders.*", "orders.eu"), cursor.event().id()));

        assertThat(replay.events()).containsExactly(eu, us);
    }

    @Test
    void theNewestEventsOfAPatternComeFromEveryMatchedChannel() {
        publish("orders.eu", "1");
        StoredEvent us = publish("orders.us", "2");
        publish("news", "x");
        StoredEvent eu = publish("orders.eu", "3");

        Replay latest = await(broker.latest(Set.of("orders.*"), 2));

        assertThat(dataOf(latest.events())).containsExactly("2", "3");
        assertThat(latest.events()).containsExactly(us, eu);
    }
}
