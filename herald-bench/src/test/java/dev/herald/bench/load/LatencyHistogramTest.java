package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final long MICRO = 1_000;

    @Test
    void percentilesBelowTwoMillisecondsAreExactToTheMicrosecond() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 1000; micros++) {
            histogram.record(micros * MICRO + 999);
        }

        assertThat(histogram.count()).isEqualTo(1000);
        assertThat(histogram.percentileMicros(50)).isEqualTo(500);
        assertThat(histogram.percentileMicros(90)).isEqualTo(900);
        assertThat(histogram.percentileMicros(99)).isEqualTo(990);
        assertThat(histogram.percentileMicros(100)).isEqualTo(1000);
        assertThat(histogram.maxNanos()).isEqualTo(1000 * MICRO + 999);
    }

    @Test
    void largerLatenciesAreReportedAtMostATenthOfAPercentHigh() {
        for (long micros = 2_000; micros < LatencyHistogram.CEILING_MICROS; micros = micros * 3 / 2 + 7) {
            LatencyHistogram histogram = new LatencyHistogram();
            histogram.record(micros * MICRO);

            assertThat(histogram.percentileMicros(50)).as("%d µs", micros)
                    .isBetween(micros, micros + micros / 1000);
        }
    }

    @Test
    void bucketsFollowEachOtherWithoutGapOrOverlap() {
        int last = LatencyHistogram.indexOf(LatencyHistogram.CEILING_MICROS);
        assertThat(LatencyHistogram.indexOf(0)).isZero();
        for (int index = 1; index <= last; index++) {
            long bottom = LatencyHistogram.topOf(index - 1) + 1;
            assertThat(LatencyHistogram.indexOf(bottom)).as("bucket %d starts at %d µs", index, bottom).isEqualTo(index);
            assertThat(LatencyHistogram.indexOf(LatencyHistogram.topOf(index))).as("bucket %d", index).isEqualTo(index);
        }
        assertThat(LatencyHistogram.topOf(last)).isEqualTo(LatencyHistogram.CEILING_MICROS);
    }

    @Test
    void latenciesBeyondTheCeilingCountAtItWhileTheMaximumStaysExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1_000 * MICRO);
        histogram.record(25_000_000 * MICRO);

        assertThat(histogram.percentileMicros(100)).isEqualTo(LatencyHistogram.CEILING_MICROS);
        assertThat(histogram.maxNanos()).isEqualTo(25_000_000 * MICRO);
    }

    @Test
    void negativeLatencyCountsAsZero() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-5 * MICRO);

        assertThat(histogram.percentileMicros(50)).isZero();
        assertThat(histogram.maxNanos()).isZero();
    }

    @Test
    void anEmptyHistogramReportsZero() {
        LatencyHistogram histogram = new LatencyHistogram();

        assertThat(histogram.percentileMicros(99)).isZero();
        assertThat(histogram.maxNanos()).isZero();
    }

    @Test
    void addedHistogramsAreOneDistribution() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            fast.record(100 * MICRO);
        }
        for (int i = 0; i < 10; i++) {
            slow.record(1_500 * MICRO);
        }

        fast.add(slow);

        assertThat(fast.count()).isEqualTo(100);
        assertThat(fast.percentileMicros(90)).isEqualTo(100);
        assertThat(fast.percentileMicros(91)).isEqualTo(1_500);
        assertThat(fast.maxNanos()).isEqualTo(1_500 * MICRO);
    }

    @Test
    void aPercentileOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> new LatencyHistogram().percentileMicros(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyHistogram().percentileMicros(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
