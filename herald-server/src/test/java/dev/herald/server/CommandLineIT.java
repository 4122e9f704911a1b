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
                "--buffer-limit", "HERALD_BUFFER_LIMIT", "--body-limit", "HERALD_BODY_LIMIT", "--redis", "REDIS_URL");
    }

    @Test
    void aBadValueIsExplainedOnTheCommandLine() throws Exception {
        Process badPort = run(Map.of(), "--port", "eighty");
        assertThat(outputOf(badPort)).contains("--port").contains("eighty");
        assertThat(badPort.exitValue()).isEqualTo(2);

        Process badDuration = run(Map.of(), "--heartbeat", "15");
        assertThat(outputOf(badDuration)).contains("write it like 15s");
        assertThat(badDuration.exitValue()).isEqualTo(2);

        Process badRedis = run(Map.of(), "--redis", "localhost:6379");
        assertThat(outputOf(badRedis)).contains("--redis must be a URL like redis://");
        assertThat(badRedis.exitValue()).isEqualTo(2);

        Process badSize = run(Map.of("HERALD_BUFFER_LIMIT", "lots"), "--port", "0");
        assertThat(outputOf(badSize)).contains("'lots' is not a size");
        assertThat(badSize.exitValue()).isEqualTo(2);
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
