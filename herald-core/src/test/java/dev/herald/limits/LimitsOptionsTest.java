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
        refused(() -> LimitsOptions.builder().maxStreams(0).build(), "max-streams", "must be at least 1 stream, got 0");
        refused(() -> LimitsOptions.builder().maxStreamsPerClient(0).build(), "max-streams-per-client",
                "must be at least 1 stream, got 0");
        refused(() -> LimitsOptions.builder().publishRate(-3).build(), "publish-rate",
                "must be at least 1 request per second, got -3");
        assertThat(LimitsOptions.builder().maxStreams(1).maxStreamsPerClient(1).publishRate(1).build().publishRate())
                .isEqualTo(1);
    }

    @Test
    void theDefaultsSuitAPublicNode() {
        assertThat(LimitsOptions.defaults())
                .isEqualTo(LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(256).publishRate(100)
                        .publishBurst(200).build());
    }
}
