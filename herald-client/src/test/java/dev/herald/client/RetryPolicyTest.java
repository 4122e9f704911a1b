package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetryPolicy EXACT = RetryPolicy.exponential().withJitter(0);

    @Test
    void defaultsStartAtHeraldsRetryDoubleUpToThirtySecondsAndRetryNoStatus() {
        RetryPolicy policy = RetryPolicy.exponential();

        assertThat(policy.initialDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.multiplier()).isEqualTo(2.0);
        assertThat(policy.jitter()).isEqualTo(0.5);
        assertThat(policy.resetAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.retries(500)).isFalse();
        assertThat(policy.retries(503)).isFalse();
    }

    @Test
    void delayGrowsPerFailureInARowFromTheServersRetryUpToTheCap() {
        assertThat(EXACT.delay(1000, 1, 0.7)).isEqualTo(Duration.ofSeconds(1));
        assertThat(EXACT.delay(1000, 2, 0.7)).isEqualTo(Duration.ofSeconds(2));
        assertThat(EXACT.delay(1000, 4, 0.7)).isEqualTo(Duration.ofSeconds(8));
        assertThat(EXACT.delay(1000, 6, 0.7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(EXACT.delay(1000, 10_000, 0.7)).as("no overflow").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void serversRetryAboveTheCapIsHonouredButNotGrown() {
        assertThat(EXACT.delay(60_000, 1, 0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(EXACT.delay(60_000, 5, 0)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void jitterTakesOffAtMostItsShareOfTheDelay() {
        RetryPolicy policy = RetryPolicy.exponential().withJitter(0.5);

        assertThat(policy.delay(1000, 1, 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delay(1000, 1, 0.5)).isEqualTo(Duration.ofMillis(750));
        assertThat(policy.delay(1000, 1, 0.999_999)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.withJitter(1).delay(1000, 1, 0.999_999)).isEqualTo(Duration.ZERO);
    }

    @Test
    void hugeRetryFromAServerDoesNotOverflow() {
        assertThat(EXACT.delay(1L << 60, 3, 0)).isEqualTo(Duration.ofMillis(1L << 60));
    }

    @Test
    void zeroReconnectionTimeMeansAtOnce() {
        assertThat(EXACT.delay(0, 3, 0.5)).isEqualTo(Duration.ZERO);
    }

    @Test
    void listedStatusesAreRetriedAndTheListIsReplaced() {
        RetryPolicy policy = RetryPolicy.exponential().withRetriedStatuses(504, 502, 503);

        assertThat(policy.retries(502)).isTrue();
        assertThat(policy.retries(503)).isTrue();
        assertThat(policy.retries(504)).isTrue();
        assertThat(policy.retries(500)).isFalse();
        assertThat(policy.withRetriedStatuses(429).retries(503)).isFalse();
    }

    @Test
    void policiesAreImmutable() {
        RetryPolicy policy = RetryPolicy.exponential();

        RetryPolicy changed = policy.withJitter(0).withMaxDelay(Duration.ofSeconds(1)).withRetriedStatuses(503)
                .withResetAfter(Duration.ZERO);

        assertThat(changed.resetAfter()).isZero();
        assertThat(changed.retries(503)).isTrue();
        assertThat(changed.jitter()).isZero();
        assertThat(policy.resetAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.jitter()).isEqualTo(0.5);
        assertThat(policy.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.retries(503)).isFalse();
    }

    @Test
    void valuesThatCannotWorkAreRefusedWithTheirName() {
        RetryPolicy policy = RetryPolicy.exponential();

        assertThatThrownBy(() -> policy.withInitialDelay(Duration.ofMillis(-1))).hasMessage("initial delay must be zero or more, got PT-0.001S");
        assertThatThrownBy(() -> policy.withMaxDelay(Duration.ZERO)).hasMessageStartingWith("max delay must be positive");
        assertThatThrownBy(() -> policy.withMultiplier(0.5)).hasMessage("multiplier must be a finite number of at least 1, got 0.5");
        assertThatThrownBy(() -> policy.withMultiplier(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withResetAfter(Duration.ofSeconds(-1)))
                .hasMessage("reset after must be zero or more, got PT-1S");
        assertThatThrownBy(() -> policy.withJitter(1.5)).hasMessage("jitter must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> policy.withRetriedStatuses(204)).hasMessageEndingWith("got 204");
        assertThatThrownBy(() -> policy.withRetriedStatuses(200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withRetriedStatuses(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delay(1000, 0, 0)).hasMessage("failures in a row start at 1, got 0");
    }
}
