package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/herald}, the launcher that sizes the JVM to the streams Herald is to hold. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "herald");
    private static final Path JAR = Path.of("target", "herald.jar");

    private static Process launch(Map<String, String> env, String... args) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The launcher runs the java on the PATH: make it the one running the tests.
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        builder.environment().put("HERALD_JAR", JAR.toAbsolutePath().toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void theNodeCapIsTheStreamsTheHeapIsSizedFor() throws Exception {
        // Both streams come from one address: its cap (half the node's by default) must not refuse the second first.
        Process process = launch(Map.of("HERALD_MAX_CONNECTIONS", "1", "HERALD_MAX_STREAMS_PER_CLIENT", "2"),
                "--port", "0");
        try {
            URI base = ListeningLine.awaitListening(process);
            try (SseTestClient admitted = SseTestClient.connect(base.resolve("stream"));
                 SseTestClient shed = SseTestClient.connect(base.resolve("stream"))) {
                assertThat(admitted.nextRetry()).isEqualTo(3000);
                assertThat(shed.nextRetry()).as("told to come back later").isBetween(5_000L, 15_000L);
                shed.ended().get(10, TimeUnit.SECONDS);
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theHeapIsSizedToTheStreamsAndHeraldServes() throws Exception {
        Process process = launch(Map.of("HERALD_MAX_CONNECTIONS", "2000", "HERALD_HISTORY_MEMORY", "8MiB"),
                "--port", "0");
        try {
            URI base = ListeningLine.awaitListening(process);

            assertThat(TestHttp.request("GET", base).body()).contains("Real-Time Notification");
            // bash execs java, so the launcher's process is the JVM: 64 MiB + 2,000 × 12 KiB + twice 8 MiB = 104 MiB.
            assertThat(process.info().arguments()).hasValueSatisfying(arguments ->
                    assertThat(arguments).contains("-Xms104m", "-Xmx104m", "-XX:+UseSerialGC",
                            "-XX:TrimNativeHeapInterval=5000", "--port", "0"));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theHeapHasRoomForTheHistoryTheFlagAsks() throws Exception {
        Process process = launch(Map.of("HERALD_MAX_CONNECTIONS", "2000", "HERALD_HISTORY_MEMORY", "8MiB"),
                "--port", "0", "--history-memory", "16MiB");
        try {
            ListeningLine.awaitListening(process);
            // 64 MiB + 2,000 × 12 KiB + twice 16 MiB, the flag's budget over the variable's
            assertThat(process.info().arguments()).hasValueSatisfying(arguments ->
                    assertThat(arguments).contains("-Xmx120m", "--history-memory", "16MiB"));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theHeapIsSizedForWhatTheConfigurationFileSays(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("herald.yaml"), "max-streams: 2000\nhistory-memory: 8MiB\nport: 0\n");
        Process process = launch(Map.of(), "--config", file.toString());
        try {
            URI base = ListeningLine.awaitListening(process);
            assertThat(TestHttp.request("GET", base).body()).contains("Real-Time Notification");
            // 64 MiB + 2,000 × 12 KiB + twice 8 MiB, all from the file: the launcher sees it through the node's own parse
            assertThat(process.info().arguments()).hasValueSatisfying(arguments ->
                    assertThat(arguments).contains("-Xmx104m", "--config", file.toString()));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aConfigurationFileTheNodeWouldRefuseIsExplainedBeforeTheJvmStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("herald.yaml"), "history-memory: lots\n");
        Process process = launch(Map.of(), "--config", file.toString());

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "herald: " + file + ": history-memory: 'lots' is not a size; write it like 65536, 64KiB or 1MiB\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(process.exitValue()).isEqualTo(2);
    }

    @Test
    void aBadConnectionCountIsExplained() throws Exception {
        Process process = launch(Map.of("HERALD_MAX_CONNECTIONS", "lots"), "--port", "0");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("HERALD_MAX_CONNECTIONS must be a whole number", "'lots'");
        assertThat(process.exitValue()).isEqualTo(2);
    }

    @Test
    void aConnectionCountWhoseHeapTheMachineCannotHoldIsRefusedBeforeTheJvmStarts() throws Exception {
        Process process = launch(Map.of("HERALD_MAX_CONNECTIONS", "9999999"), "--port", "0");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("HERALD_MAX_CONNECTIONS=9999999 and 64MiB of history need a heap of 117380 MiB, more than this "
                        + "machine's");
        assertThat(process.exitValue()).isEqualTo(2);
    }
}
