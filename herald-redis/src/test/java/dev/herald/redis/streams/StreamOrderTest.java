package dev.herald.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamOrderTest {

    private static final long EPOCH_MILLIS = 1_760_000_000_123L;

    @Test
    void epochSecondsAndSequenceComeBackAsTheyWentIn() {
        long order = StreamOrder.pack(EPOCH_MILLIS, 42);

        assertThat(StreamOrder.epochSeconds(order)).isEqualTo(1_760_000_000L);
        assertThat(StreamOrder.sequence(order)).isEqualTo(42);
    }

    @Test
    void aLaterSequenceOfTheSameDataSetSortsLater() {
        assertThat(StreamOrder.pack(EPOCH_MILLIS, 8)).isGreaterThan(StreamOrder.pack(EPOCH_MILLIS, 7));
    }

    @Test
    void aLaterEpochSortsAfterAnEarlierOneEvenWhenItsSequenceRestarts() {
        long lastOfOld = StreamOrder.pack(EPOCH_MILLIS, 4_000_000_000L);
        long firstOfNew = StreamOrder.pack(EPOCH_MILLIS + 1000, 1);

        assertThat(firstOfNew).isGreaterThan(lastOfOld);
    }

    @Test
    void epochsWithinTheSameSecondShareAnOrder() {
        assertThat(StreamOrder.pack(EPOCH_MILLIS + 500, 3)).isEqualTo(StreamOrder.pack(EPOCH_MILLIS, 3));
    }

    @Test
    void anOrderIsPlacedInItsOwnDataSetAndAtTheStartOfAnother() {
        long order = StreamOrder.pack(EPOCH_MILLIS, 42);

        assertThat(StreamOrder.sequenceIn(order, EPOCH_MILLIS)).isEqualTo(42);
        assertThat(StreamOrder.sequenceIn(order, EPOCH_MILLIS + 1000)).isZero();
        assertThat(StreamOrder.sequenceIn(0, EPOCH_MILLIS)).as("nothing delivered yet").isZero();
    }
}
