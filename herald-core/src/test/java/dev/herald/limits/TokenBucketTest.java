package dev.herald.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A token bucket on a clock the test moves: no sleeps. */
class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long START = 123_456_789L;

    @Test
    void aFullBucketGivesItsBurstThenRefusesSayingWhenTheNextTokenComes() {
        TokenBucket bucket = new TokenBucket(10, 20, START);
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.take(START)).as("token %d of the burst", i).isZero();
        }
        assertThat(bucket.take(START)).as("a token comes every 100 ms").isEqualTo(SECOND / 10);
        assertThat(bucket.take(START + SECOND / 40)).isEqualTo(SECOND / 10 - SECOND / 40);
    }

    @Test
    void aCountTakesThatManyTokensOrNoneSayingWhenTheyWillBeThere() {
        TokenBucket bucket = new TokenBucket(10, 20, START);
        assertThat(bucket.take(START, 15)).isZero();
        assertThat(bucket.take(START, 7)).as("two tokens short: 200 ms").isEqualTo(2 * SECOND / 10);
        assertThat(bucket.take(START, 5)).as("nothing was taken by the refusal").isZero();
        assertThat(bucket.take(START)).isEqualTo(SECOND / 10);
    }

    @Test
    void aCountOverTheCapacityTakesTheWholeCapacity() {
        TokenBucket bucket = new TokenBucket(10, 20, START);
        assertThat(bucket.take(START, 100)).isZero();
        assertThat(bucket.take(START)).isEqualTo(SECOND / 10);
        assertThat(bucket.take(START, 100)).as("a full bucket again: two seconds").isEqualTo(2 * SECOND);
    }

    @Test
    void tokensComeBackAtTheRateUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(10, 20, START);
        for (int i = 0; i < 20; i++) {
            bucket.take(START);
        }
        long later = START + SECOND / 2; // five tokens
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.take(later)).isZero();
        }
        assertThat(bucket.take(later)).isPositive();
        assertThat(bucket.isFull(later + SECOND)).as("ten more tokens are not twenty").isFalse();
        assertThat(bucket.isFull(later + 2 * SECOND)).isTrue();
        long muchLater = later + 3600 * SECOND;
        int taken = 0;
        while (bucket.take(muchLater) == 0) {
            taken++;
        }
        assertThat(taken).as("an hour of rest saves up no more than the capacity").isEqualTo(20);
    }

    @Test
    void aRefusalTakesNothing() {
        TokenBucket bucket = new TokenBucket(1, 2, START);
        bucket.take(START);
        bucket.take(START);
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.take(START + SECOND / 2)).isEqualTo(SECOND / 2);
        }
        assertThat(bucket.take(START + SECOND)).as("refused requests did not spend the coming token").isZero();
    }

    @Test
    void aClockThatSeemsToGoBackIsIgnored() {
        TokenBucket bucket = new TokenBucket(1, 1, START);
        assertThat(bucket.take(START)).isZero();
        assertThat(bucket.take(START - SECOND)).isEqualTo(SECOND);
        assertThat(bucket.take(START + SECOND)).isZero();
    }
}
