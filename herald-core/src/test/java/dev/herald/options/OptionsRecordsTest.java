package dev.herald.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each option is checked where its record is built, and the refusal names the option. */
class OptionsRecordsTest {

    @Test
    void historyPolicyRefusesANegativeSizeAndANonPositiveAge() {
        assertThatThrownBy(() -> new HistoryPolicy(-1, Duration.ofHours(1)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("history-size");
                    assertThat(e.problem()).isEqualTo("must be at least 0 events, got -1");
                });
        assertThatThrownBy(() -> new HistoryPolicy(10, Duration.ZERO))
                .isInstanceOfSatisfying(InvalidOptionException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("history-age must be positive, got 0s"));
        assertThat(new HistoryPolicy(0, Duration.ofMillis(1)).maxEvents()).as("no history is allowed").isZero();
    }

    @Test
    void hubOptionsRefuseANonPositiveHeartbeatAndANegativeRetry() {
        assertThatThrownBy(() -> new HubOptions(Duration.ZERO, Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> assertThat(e.option()).isEqualTo("heartbeat"));
        assertThatThrownBy(() -> new HubOptions(Duration.ofSeconds(15), Duration.ofMillis(-1)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("retry must be zero or more, got -1ms"));
        assertThatThrownBy(() -> new HubOptions(null, Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(InvalidOptionException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("heartbeat must be given"));
        assertThat(new HubOptions(Duration.ofSeconds(1), Duration.ZERO).retry()).isZero();
        assertThatThrownBy(() -> new HubOptions(Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ZERO))
                .isInstanceOfSatisfying(InvalidOptionException.class, e ->
                        assertThat(e.option()).isEqualTo("slow-client-timeout"));
    }

    @Test
    void durationsAreWrittenAsTheOptionsAreRead() {
        assertThat(OptionChecks.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(OptionChecks.format(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(OptionChecks.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(OptionChecks.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(OptionChecks.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(OptionChecks.format(Duration.ZERO)).isEqualTo("0s");
    }
}
