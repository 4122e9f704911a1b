package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.SseTestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar on SIGTERM, as a supervisor stops it: it drains its streams over --drain-time and exits with 0. */
class SigtermDrainIT {

    private static final Path JAR = Path.of("target", "herald.jar");
    private static final Duration DRAIN_TIME = Duration.ofSeconds(1);
    private static final long RETRY_MILLIS = 400;
    private static final int STREAMS = 6;
    /** Beyond the window: closing the broker, Vert.x and the JVM. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Test
    void sigtermEndsTheStreamsSpreadOverTheDrainTimeEachAfterALastRetryThenExitsWithZero() throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--port", "0", "--drain-time", "1s", "--retry", RETRY_MILLIS + "ms").start();
        List<SseTestClient> clients = new ArrayList<>();
        try {
            URI base = ListeningLine.awaitListening(process);
            for (int i = 0; i < STREAMS; i++) {
                SseTestClient client = SseTestClient.connect(base.resolve("stream?channel=sigterm-" + i));
                assertThat(client.nextRetry()).isEqualTo(RETRY_MILLIS);
                clients.add(client);
            }
            long start = System.nanoTime();
            List<CompletableFuture<Long>> endedAfterMillis = clients.stream()
                    .map(client -> client.ended().handle((ok, error) -> (System.nanoTime() - start) / 1_000_000))
                    .toList();

            process.toHandle().destroy(); // SIGTERM; Process.destroy would also close the streams before we read them

            assertThat(process.waitFor(DRAIN_TIME.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS))
                    .as("stopped within the drain time and a margin").isTrue();
            assertThat(process.exitValue()).isZero();
            List<Long> ends = new ArrayList<>();
            for (CompletableFuture<Long> ended : endedAfterMillis) {
                ends.add(ended.get(1, TimeUnit.SECONDS));
            }
            assertThat(ends).allSatisfy(after -> assertThat(after).isLessThan(DRAIN_TIME.toMillis() + 1_500));
            assertThat(ends.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - ends.stream().mapToLong(Long::longValue).min().orElseThrow())
                    .as("spread over the window, not at once: " + ends).isGreaterThan(DRAIN_TIME.toMillis() / 4);
            for (SseTestClient client : clients) {
                assertThat(client.nextRetry()).isBetween(RETRY_MILLIS, 2 * RETRY_MILLIS);
            }
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(errors).doesNotContain("SEVERE").doesNotContain("Exception")
                    .doesNotContain("shutdown did not finish cleanly");
        } finally {
            clients.forEach(SseTestClient::close);
            process.destroyForcibly();
        }
    }
}
