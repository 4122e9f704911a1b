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
    void theDefaultsLetAnOfficeBehindOneAddressThroughAndStillCapTheNode() {
        assertThat(LimitsOptions.defaults())
                .isEqualTo(LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(5_000).publishRate(1_000)
                        .publishBurst(2_000).tokenPublishRate(5_000).tokenPublishBurst(10_000).trustedProxies("")
                        .build());
        assertThat(LimitsOptions.defaults().trustedProxies().isEmpty()).as("no proxy is trusted by default").isTrue();
        assertThat(LimitsOptions.MAX_STREAMS_PER_CLIENT.derivedDefault()).contains("half max-streams");
    }

    @Test
    void thePerClientCapIsHalfTheNodesUnlessSet() {
        assertThat(LimitsOptions.builder().maxStreams(300).build().maxStreamsPerClient()).isEqualTo(150);
        assertThat(LimitsOptions.builder().maxStreams(1).build().maxStreamsPerClient()).as("never below 1").isEqualTo(1);
        assertThat(LimitsOptions.builder().maxStreams(300).maxStreamsPerClient(7).build().maxStreamsPerClient())
                .isEqualTo(7);
        assertThat(LimitsOptions.builder().tokenPublishRate(3).build().tokenPublishBurst()).isEqualTo(6);
    }

    @Test
    void aTrustedProxyThatIsNotABlockIsRefusedNamingTheOptionAndTheItem() {
        refused(() -> LimitsOptions.builder().trustedProxies("127.0.0.1, proxy.local"), "trusted-proxies",
                "must be IP addresses or CIDR blocks (10.0.0.0/8, fd00::/8), comma-separated; \"proxy.local\" is not one");
        refused(() -> LimitsOptions.TRUSTED_PROXIES.check("10.0.0.0/33"), "trusted-proxies",
                "must be IP addresses or CIDR blocks (10.0.0.0/8, fd00::/8), comma-separated; \"10.0.0.0/33\" is not one");
    }
}
