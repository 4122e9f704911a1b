package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DrainPlanTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(3);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** Draws the given fractions of each bound asked, in order. */
    private static final class Fractions implements RandomGenerator {
        private final Deque<Double> fractions;

        Fractions(Double... fractions) {
            this.fractions = new ArrayDeque<>(List.of(fractions));
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("the plan draws bounded values only");
        }

        @Override
        public long nextLong(long bound) {
            return (long) (bound * fractions.removeFirst());
        }
    }

    private DrainPlan plan(RandomGenerator random) {
        return new DrainPlan(WINDOW, RETRY, random, now::get);
    }

    @Test
    void aStreamClosesWithinTheWindowAndIsToldRetryToTwiceRetry() {
        DrainPlan plan = plan(new Fractions(0.0, 0.0, 0.5, 0.5, 0.999_999, 1.0 - 1e-12));

        assertThat(plan.departure()).isEqualTo(new DrainPlan.Departure(0, 3_000));
        assertThat(plan.departure()).isEqualTo(new DrainPlan.Departure(5_000, 4_500));
        assertThat(plan.departure()).isEqualTo(new DrainPlan.Departure(9_999, 6_000));
    }

    @Test
    void aStreamOpenedDuringTheDrainClosesWithinWhatIsLeftOfTheWindow() {
        DrainPlan plan = plan(new Fractions(0.5, 0.0, 0.0));
        now.addAndGet(Duration.ofSeconds(6).toNanos());

        assertThat(plan.left()).isEqualTo(Duration.ofSeconds(4));
        assertThat(plan.departure().closeAfterMillis()).isEqualTo(2_000);

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(plan.left()).isZero();
        assertThat(plan.departure()).as("the window has closed: at once")
                .isEqualTo(new DrainPlan.Departure(0, 3_000));
    }

    @Test
    void departuresSpreadEvenlyOverTheWindow() {
        DrainPlan plan = plan(new SplittableRandom(18));
        int[] perSecond = new int[10];
        IntStream.range(0, 10_000).mapToObj(i -> plan.departure()).forEach(departure -> {
            perSecond[(int) (departure.closeAfterMillis() / 1000)]++;
            assertThat(departure.retryMillis()).isBetween(3_000L, 6_000L);
        });
        // 1,000 a second expected; a binomial's standard deviation is about 30
        assertThat(java.util.Arrays.stream(perSecond).boxed()).allSatisfy(count -> assertThat(count).isBetween(850, 1_150));
    }

    @Test
    void aZeroRetryStaysZero() {
        DrainPlan plan = new DrainPlan(WINDOW, Duration.ZERO, new Fractions(0.5, 0.9), now::get);
        assertThat(plan.departure()).isEqualTo(new DrainPlan.Departure(5_000, 0));
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new DrainPlan(Duration.ZERO, RETRY, new SplittableRandom(), now::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closes every stream at once");
    }
}
