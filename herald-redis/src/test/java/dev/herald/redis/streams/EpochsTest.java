package dev.herald.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpochsTest {

    private static final long NOW = 1_760_000_000_000L;

    private final Epochs epochs = new Epochs(() -> NOW);

    @Test
    void aNodeThatHasSeenNoEpochProposesNow() {
        assertThat(epochs.candidate()).isEqualTo(NOW);
    }

    @Test
    void anEpochSeenLongAgoLeavesTheCandidateAtNow() {
        epochs.seen(NOW - 60_000);

        assertThat(epochs.candidate()).isEqualTo(NOW);
    }

    @Test
    void anEpochSeenWithinTheLastSecondPushesTheCandidateToOneSecondAfterIt() {
        epochs.seen(NOW - 200);

        assertThat(epochs.candidate()).isEqualTo(NOW + 800);
    }

    @Test
    void theNewestEpochSeenCountsNotTheLast() {
        epochs.seen(NOW + 5000);
        epochs.seen(NOW - 60_000);

        assertThat(epochs.candidate()).isEqualTo(NOW + 6000);
    }

    @Test
    void seenReturnsTheEpochItWasGiven() {
        assertThat(epochs.seen(NOW - 1)).isEqualTo(NOW - 1);
    }
}
