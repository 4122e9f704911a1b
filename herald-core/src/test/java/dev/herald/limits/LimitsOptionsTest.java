package dev.herald.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import org.junit.jupiter.api.Test;

/** The limits are checked where their record is built, and a refusal names the option. */
class LimitsOptionsTest {

    private static void refused(Runnable build, String option, String problem) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidOptionException.class, e -> {
            assertThat(e.option()).isEqualTo(option);
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @Test
    void everyLimitMustBeAtLeastOne() {
        refused(() -> new LimitsOptions(0, 256, 100), "max-streams", "must be at least 1 stream, got 0");
        refused(() -> new LimitsOptions(10, 0, 100), "max-streams-per-client", "must be at least 1 stream, got 0");
        refused(() -> new LimitsOptions(10, 256, -3), "publish-rate", "must be at least 1 request per second, got -3");
        assertThat(new LimitsOptions(1, 1, 1).publishRate()).isEqualTo(1);
    }

    @Test
    void theDefaultsSuitAPublicNode() {
        assertThat(LimitsOptions.defaults()).isEqualTo(new LimitsOptions(10_000, 256, 100));
    }
}
