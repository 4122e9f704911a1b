package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Where health, readiness and metrics are served is checked where its record is built. */
class ManagementOptionsTest {

    private static void refused(Runnable build, String option, String problem) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidOptionException.class, e -> {
            assertThat(e.option()).isEqualTo(option);
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @Test
    void theManagementPortIsAPort() {
        refused(() -> ManagementOptions.defaults().withPort(65536), "management-port",
                "must be between 0 and 65535, got 65536");
        refused(() -> ManagementOptions.defaults().withPort(-1), "management-port", "must be between 0 and 65535, got -1");
        assertThat(ManagementOptions.defaults().withPort(9090).port()).hasValue(9090);
    }

    @Test
    void theMetricsPathIsAPathOfItsOwn() {
        refused(() -> new ManagementOptions(OptionalInt.empty(), "metrics"), "metrics-path",
                "must be a path starting with /, without spaces, ? or #, got 'metrics'");
        refused(() -> new ManagementOptions(OptionalInt.empty(), "/my metrics"), "metrics-path",
                "must be a path starting with /, without spaces, ? or #, got '/my metrics'");
        refused(() -> new ManagementOptions(OptionalInt.empty(), "/health"), "metrics-path",
                "must differ from /health and /ready, got /health");
        refused(() -> new ManagementOptions(OptionalInt.empty(), null), "metrics-path", "must be given");
    }

    @Test
    void theManagementPortMustDifferFromTheApplicationsUnlessBothAreFree() {
        refused(() -> HeraldConfig.defaults().withManagement(ManagementOptions.defaults().withPort(8080)),
                "management-port", "must differ from --port, got 8080");
        assertThat(HeraldConfig.defaults().withPort(0).withManagement(ManagementOptions.defaults().withPort(0))
                .management().port()).hasValue(0);
    }

    @Test
    void byDefaultTheyShareTheApplicationsPortWithMetricsAtSlashMetrics() {
        assertThat(ManagementOptions.defaults()).isEqualTo(new ManagementOptions(OptionalInt.empty(), "/metrics"));
    }
}
