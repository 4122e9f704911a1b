package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timeouts are checked where their record is built, and a refusal names the option. */
class TimeoutOptionsTest {

    @Test
    void bothTimeoutsMustBePositive() {
        assertThatThrownBy(() -> new TimeoutOptions(Duration.ZERO, Duration.ofSeconds(60)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("request-timeout must be positive, got 0s"));
        assertThatThrownBy(() -> new TimeoutOptions(Duration.ofSeconds(10), Duration.ofMillis(-5)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("idle-timeout");
                    assertThat(e.problem()).isEqualTo("must be positive, got -5ms");
                });
        assertThatThrownBy(() -> new TimeoutOptions(null, Duration.ofSeconds(60)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("request-timeout must be given"));
    }

    @Test
    void theDefaultsAreTenSecondsForARequestAndAMinuteIdle() {
        assertThat(TimeoutOptions.defaults()).isEqualTo(new TimeoutOptions(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }
}
