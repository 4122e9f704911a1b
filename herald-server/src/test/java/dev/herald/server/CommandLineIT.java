package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.vertx.testing.SseTestClient;
import dev.herald.vertx.testing.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar as a user runs it: options, errors on the command line, and a clean stop on SIGTERM. */
class CommandLineIT {

    private static final Path JAR = Path.of("target", "herald.jar");

    private static Process run(Map<String, String> env, String... args) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String outputOf(Process process) throws Exception {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process ended").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() throws Exception {
        Process process = run(Map.of(), "--help");
        String help = outputOf(process);
        assertThat(process.exitValue()).isZero();
        assertThat(help).contains("--host", "HERALD_HOST", "--port", "HERALD_PORT", "--heartbeat", "HERALD_HEARTBEAT",
                "--retry", "--history-size", "HERALD_HISTORY_SIZE", "--history-age", "HERALD_HISTORY_AGE",
                "--buffer-limit", "HERALD_BUFFER_LIMIT", "--body-limit", "HERALD_BODY_LIMIT", "--redis", "REDIS_URL",
                "--max-streams", "HERALD_MAX_STREAMS", "--max-streams-per-client", "HERALD_MAX_STREAMS_PER_CLIENT",
                "--publish-rate", "HERALD_PUBLISH_RATE", "--request-timeout", "HERALD_REQUEST_TIMEOUT",
                "--idle-timeout", "HERALD_IDLE_TIMEOUT", "--cors-origins", "HERALD_CORS_ORIGINS");
    }

    /** Runs the jar with a bad value and returns what it printed, having checked that it exited with 2. */
    private static String refused(Map<String, String> env, String... args) throws Exception {
        Process process = run(env, args);
        String output = outputOf(process);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        return output;
    }

    @Test
    void versionIsTheBuildsOwn() throws Exception {
        Process process = run(Map.of(), "--version");
        assertThat(outputOf(process)).isEqualTo("Herald " + System.getProperty("herald.version") + "\n");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aBadValueIsExplainedInTwoLinesWithoutTheUsageText() throws Exception {
        assertThat(refused(Map.of(), "--port", "eighty")).isEqualTo(
                "herald: --port: 'eighty' is not an int\nTry 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--heartbeat", "15"))
                .startsWith("herald: --heartbeat: '15' is not a duration; write it like 15s")
                .doesNotContain("Usage");
        assertThat(refused(Map.of(), "--redis", "localhost:6379"))
                .startsWith("herald: --redis: must be a URL like redis://localhost:6379/0, got localhost:6379\n");
        assertThat(refused(Map.of(), "--redis", "redis://127.0.0.1:6379/0", "--redis-mode", "cluster"))
                .startsWith("herald: --redis-mode: must be pubsub or streams, got cluster\n");
        assertThat(refused(Map.of(), "--nonsense")).startsWith("herald: Unknown option: '--nonsense'\n");
        assertThat(refused(Map.of(), "--redis-mode", "cluster"))
                .as("checked without --redis too").startsWith("herald: --redis-mode: must be pubsub or streams, got cluster\n");
        assertThat(refused(Map.of(), "--buffer-limit", "9007199254740993g"))
                .startsWith("herald: --buffer-limit: '9007199254740993g' is larger than 2 GiB\n");
        assertThat(refused(Map.of(), "--heartbeat", "9999999999999999h"))
                .startsWith("herald: --heartbeat: '9999999999999999h' is too long a duration\n");
    }

    @Test
    void aValueOutOfRangeIsRefusedByTheOptionsRecordAndNamedByItsFlag() throws Exception {
        assertThat(refused(Map.of(), "--heartbeat", "0s")).startsWith("herald: --heartbeat: must be positive, got 0s\n");
        assertThat(refused(Map.of(), "--port", "70000")).startsWith("herald: --port: must be between 0 and 65535, got 70000\n");
        assertThat(refused(Map.of(), "--buffer-limit", "10")).startsWith("herald: --buffer-limit: must be at least 1024 bytes, got 10\n");
        assertThat(refused(Map.of(), "--history-size", "-1")).startsWith("herald: --history-size: must be at least 0 events, got -1\n");
    }

    @Test
    void aBadLimitTimeoutOrOriginIsRefusedInTwoLines() throws Exception {
        String help = "\nTry 'herald --help' for the options.\n";
        assertThat(refused(Map.of(), "--max-streams", "0")).isEqualTo("herald: --max-streams: must be at least 1 stream, got 0" + help);
        assertThat(refused(Map.of(), "--max-streams", "lots")).isEqualTo("herald: --max-streams: 'lots' is not an int" + help);
        assertThat(refused(Map.of(), "--max-streams-per-client", "-1"))
                .isEqualTo("herald: --max-streams-per-client: must be at least 1 stream, got -1" + help);
        assertThat(refused(Map.of(), "--publish-rate", "0"))
                .isEqualTo("herald: --publish-rate: must be at least 1 request per second, got 0" + help);
        assertThat(refused(Map.of(), "--publish-rate", "2.5")).isEqualTo("herald: --publish-rate: '2.5' is not an int" + help);
        assertThat(refused(Map.of(), "--request-timeout", "0s")).isEqualTo("herald: --request-timeout: must be positive, got 0s" + help);
        assertThat(refused(Map.of(), "--request-timeout", "10"))
                .startsWith("herald: --request-timeout: '10' is not a duration; write it like 15s").endsWith(help);
        assertThat(refused(Map.of(), "--idle-timeout", "0ms")).isEqualTo("herald: --idle-timeout: must be positive, got 0s" + help);
        assertThat(refused(Map.of(), "--cors-origins", "https://app.example.com/"))
                .isEqualTo("herald: --cors-origins: must be * or origins like https://app.example.com (http or https, a host, "
                        + "an optional port, no path), got https://app.example.com/" + help);
        assertThat(refused(Map.of(), "--cors-origins", "*,https://app.example.com"))
                .isEqualTo("herald: --cors-origins: * stands for every origin and cannot be listed with others, got "
                        + "*,https://app.example.com" + help);
        assertThat(refused(Map.of("HERALD_CORS_ORIGINS", "app.example.com")))
                .startsWith("herald: HERALD_CORS_ORIGINS (the environment's value for --cors-origins): must be * or origins");
        assertThat(refused(Map.of("HERALD_IDLE_TIMEOUT", "0s")))
                .isEqualTo("herald: HERALD_IDLE_TIMEOUT (the environment's value for --idle-timeout): must be positive, got 0s" + help);
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() throws Exception {
        assertThat(refused(Map.of("HERALD_PORT", "eighty")))
                .startsWith("herald: HERALD_PORT (the environment's value for --port): 'eighty' is not an int\n");
        assertThat(refused(Map.of("HERALD_BUFFER_LIMIT", "lots"), "--port", "0"))
                .startsWith("herald: HERALD_BUFFER_LIMIT (the environment's value for --buffer-limit): 'lots' is not a size");
        assertThat(refused(Map.of("HERALD_HEARTBEAT", "0s")))
                .startsWith("herald: HERALD_HEARTBEAT (the environment's value for --heartbeat): must be positive, got 0s\n");
        assertThat(refused(Map.of("HERALD_PORT", "eighty"), "--port", "70000"))
                .as("a flag given on the command line wins over the environment, and is what is blamed")
                .startsWith("herald: --port: must be between 0 and 65535, got 70000\n");
    }

    @Test
    void anUnreachableRedisIsReportedAtStart() throws Exception {
        Process process = run(Map.of("REDIS_URL", "redis://127.0.0.1:1"), "--port", "0");
        assertThat(outputOf(process)).contains("cannot reach Redis at redis://127.0.0.1:1");
        assertThat(process.exitValue()).isEqualTo(1);
    }

    @Test
    void sigtermEndsOpenStreamsAndExitsWithZero() throws Exception {
        Process process = run(Map.of("HERALD_PORT", "0"));
        try {
            URI base = ListeningLine.awaitListening(process);
            try (SseTestClient client = SseTestClient.connect(base.resolve("stream"))) {
                assertThat(TestHttp.post(base.resolve("send_notification"), "{\"message\":\"before stop\"}").statusCode())
                        .isEqualTo(200);
                assertThat(client.next().data()).isEqualTo("{\"message\":\"before stop\"}");

                process.destroy(); // SIGTERM

                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
                assertThat(process.exitValue()).isZero();
                client.ended().get(10, TimeUnit.SECONDS);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theJarServesThePage() throws Exception {
        Process process = run(Map.of(), "--port", "0", "--host", "127.0.0.1");
        try {
            URI base = ListeningLine.awaitListening(process);
            assertThat(TestHttp.request("GET", base).body()).contains("Real-Time Notification");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
