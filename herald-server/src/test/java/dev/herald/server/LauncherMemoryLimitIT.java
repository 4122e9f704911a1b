package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/herald} inside a container: the heap it sizes must fit three quarters of the cgroup's memory limit,
 * read from a fake cgroup root ({@code HERALD_CGROUP_ROOT}) laid out as cgroup v2 or v1 show it to a container.
 */
class LauncherMemoryLimitIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "herald");
    private static final Path JAR = Path.of("target", "herald.jar");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path cgroup;

    private Process launch(Map<String, String> env, String... args) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        builder.environment().put("HERALD_JAR", JAR.toAbsolutePath().toString());
        builder.environment().put("HERALD_CGROUP_ROOT", cgroup.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private void v2Limit(String value) throws IOException {
        Files.writeString(cgroup.resolve("memory.max"), value + "\n");
    }

    private void v1Limit(String value) throws IOException {
        Files.createDirectories(cgroup.resolve("memory"));
        Files.writeString(cgroup.resolve("memory/memory.limit_in_bytes"), value + "\n");
    }

    /** Runs the launcher to its refusal: status 2 and the one line it printed. */
    private String refusal(Map<String, String> env) throws Exception {
        Process process = launch(env, "--port", "0");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(errors).isEqualTo(2);
        assertThat(errors.lines()).hasSize(1);
        return errors;
    }

    @Test
    void aHeapOverThreeQuartersOfTheCgroupV2LimitIsRefused() throws Exception {
        v2Limit(Long.toString(400 * MIB));

        // the default 10,000 streams: 64 MiB + 10,000 × 12 KiB + twice 64 MiB = 310 MiB, over 3/4 of 400 MiB
        assertThat(refusal(Map.of())).contains("HERALD_MAX_CONNECTIONS=10000 and 64MiB of history need a heap of 310 "
                + "MiB, more than the container's limit of 400 MiB can hold (the heap may take three quarters, 300 MiB");
    }

    @Test
    void aHeapOverThreeQuartersOfTheCgroupV1LimitIsRefused() throws Exception {
        v1Limit(Long.toString(256 * MIB));

        assertThat(refusal(Map.of("HERALD_MAX_CONNECTIONS", "5000")))
                .contains("need a heap of 251 MiB, more than the container's limit of 256 MiB can hold");
    }

    @Test
    void maxIsNoLimitAndTheMachinesMemoryIsTheCeiling() throws Exception {
        v2Limit("max");

        assertThat(refusal(Map.of("HERALD_MAX_CONNECTIONS", "9999999"))).contains("more than this machine's");
    }

    @Test
    void cgroupV1sNumberForNoLimitIsNoLimit() throws Exception {
        v1Limit("9223372036854771712");

        assertThat(refusal(Map.of("HERALD_MAX_CONNECTIONS", "9999999"))).contains("more than this machine's");
    }

    @Test
    void aHeapThatFitsTheLimitStartsAndServes() throws Exception {
        v2Limit(Long.toString(512 * MIB));
        // 64 MiB + 100 × 12 KiB + twice 64 MiB = 194 MiB, under 3/4 of 512 MiB
        Process process = launch(Map.of("HERALD_MAX_CONNECTIONS", "100"), "--port", "0");
        try {
            URI base = ListeningLine.awaitListening(process);

            assertThat(TestHttp.request("GET", base.resolve("health")).statusCode()).isEqualTo(200);
            assertThat(process.info().arguments()).hasValueSatisfying(arguments ->
                    assertThat(arguments).contains("-Xmx194m"));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
