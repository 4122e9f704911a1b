package dev.herald.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A shed stream is told to come back in 5 to 15 s, spread over the whole range. */
class ShedRetryTest {

    @Test
    void theRetryOfAShedStreamIsSpreadFromFiveToFifteenSeconds() {
        SplittableRandom random = new SplittableRandom(42);
        LongSummaryStatistics retries = LongStream.range(0, 10_000)
                .map(i -> ShedRetry.millis(random))
                .summaryStatistics();
        assertThat(retries.getMin()).isGreaterThanOrEqualTo(5_000).isLessThan(5_100);
        assertThat(retries.getMax()).isLessThanOrEqualTo(15_000).isGreaterThan(14_900);
        assertThat(retries.getAverage()).isBetween(9_800.0, 10_200.0);
    }
}
