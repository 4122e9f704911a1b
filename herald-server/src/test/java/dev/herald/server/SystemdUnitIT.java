package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's systemd unit: systemd itself reads it without a complaint ({@code systemd-analyze verify}, where
 * installed: {@code .ci/run} installs it), and its settings fit what Herald needs (files for its streams, time for
 * its drain, the usual hardening). It is not run under systemd here.
 */
class SystemdUnitIT {

    private static final Path UNIT = Path.of("src", "dist", "systemd", "herald.service");
    /** Issue 18's drain window, until a drain-time option declares it. */
    private static final Duration DRAIN_TIME = DeclaredOptions.CATALOGUE.find("drain-time")
            .map(option -> (Duration) option.defaultValue()).orElse(Duration.ofSeconds(10));

    /** The unit's settings, a key given twice keeping its last value (Environment= is read apart). */
    private static Map<String, String> settings() throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(UNIT)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                settings.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return settings;
    }

    @Test
    void systemdReadsTheUnitWithoutAComplaint(@TempDir Path folder) throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "systemd-analyze")));
        assumeTrue(installed, "systemd-analyze is not installed");
        // verify wants the program to exist: the checkout's launcher stands in for /opt/herald's
        Path unit = folder.resolve("herald.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/herald/bin/herald",
                Path.of("..", "bin", "herald").toAbsolutePath().normalize().toString()));

        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true)
                .start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String complaints = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(complaints).as("what systemd-analyze said").isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    @Test
    void theServiceRunsTheDistributionsLauncherOnItsConfigAsADedicatedUser() throws Exception {
        Map<String, String> unit = settings();

        assertThat(unit.get("ExecStart")).isEqualTo("/opt/herald/bin/herald --config /etc/herald/herald.yaml");
        assertThat(unit.get("User")).isEqualTo("herald");
        assertThat(unit.get("Restart")).isEqualTo("on-failure");
    }

    @Test
    void itMayOpenAFileForEveryStreamAndWaitsForTheDrain() throws Exception {
        Map<String, String> unit = settings();
        int streams = Files.readAllLines(UNIT).stream().filter(line -> line.startsWith("Environment=HERALD_MAX_CONNECTIONS="))
                .map(line -> Integer.parseInt(line.substring(line.lastIndexOf('=') + 1))).findFirst().orElseThrow();

        assertThat(Integer.parseInt(unit.get("LimitNOFILE"))).isGreaterThan(streams).isLessThanOrEqualTo(2 * streams);
        assertThat(Duration.ofSeconds(Long.parseLong(unit.get("TimeoutStopSec")))).isGreaterThan(DRAIN_TIME.plusSeconds(5));
        assertThat(unit.get("KillSignal")).isEqualTo("SIGTERM");
    }

    @Test
    void itIsHardened() throws Exception {
        Map<String, String> unit = settings();

        for (String setting : List.of("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices")) {
            assertThat(unit.get(setting)).as(setting).isEqualTo("yes");
        }
        assertThat(unit.get("ProtectSystem")).isEqualTo("strict");
        assertThat(unit).doesNotContainKey("MemoryDenyWriteExecute"); // the JIT compiler writes code
    }
}
