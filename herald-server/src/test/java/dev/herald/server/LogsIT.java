package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/** The packaged jar's log: its two formats, the levels by logger, the access log, and refused values. */
class LogsIT {

    private static final Path JAR = Path.of("target", "herald.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A line of the text format: {@code 2026-12-07 10:00:00 INFO dev.herald.X: message}. */
    private static final Pattern TEXT_LINE =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR) [\\w.$-]+: .*");

    private static Process run(Map<String, String> env, List<String> args) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs the jar on a free port with {@code args}, does {@code whileListening}, stops it; returns its log. */
    private static String logOfARun(List<String> args, ThrowingConsumer<URI> whileListening) throws Throwable {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(args);
        Process process = run(Map.of(), all);
        try {
            whileListening.accept(ListeningLine.awaitListening(process));
        } finally {
            process.toHandle().destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        }
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String refused(Map<String, String> env, String... args) throws Exception {
        Process process = run(env, List.of(args));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process ended").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        return output;
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheFieldsAndTheAccessLogsAsFields() throws Throwable {
        String log = logOfARun(List.of("--log-format", "json", "--access-log"), base -> assertThat(
                TestHttp.get(base.resolve("/health?access_token=hunter2.secret")).statusCode()).isEqualTo(200));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.lines().toList()) {
            JsonNode object = JSON.readTree(line);
            assertThat(object.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(object.has("timestamp") && object.has("level") && object.has("loggerName")
                    && object.has("threadName") && object.has("message") && object.has("throwable"))
                    .as("timestamp, level, logger, thread, message and throwable in %s", line).isTrue();
            lines.add(object);
        }
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("loggerName").asText()).isEqualTo("dev.herald.server.webhook.WebhookAccess");
            assertThat(line.get("level").asText()).isEqualTo("WARN");
        });
        assertThat(lines).filteredOn(line -> line.get("loggerName").asText().equals(AccessLog.LOGGER)).singleElement()
                .satisfies(access -> {
                    assertThat(access.get("kvpList").toString()).contains("{\"method\":\"GET\"}",
                            "{\"path\":\"/health?access_token=REDACTED\"}", "{\"status\":\"200\"}",
                            "{\"client\":\"127.0.0.1\"}");
                    assertThat(access.get("message").asText()).startsWith("127.0.0.1 GET /health?access_token=REDACTED 200 ");
                });
        assertThat(log).doesNotContain("hunter2").doesNotContainPattern("(?m)^SLF4J");
    }

    @Test
    void theAccessLogIsOffByDefault() throws Throwable {
        String log = logOfARun(List.of(), base ->
                assertThat(TestHttp.get(base.resolve("/health")).statusCode()).isEqualTo(200));
        assertThat(log).doesNotContain(AccessLog.LOGGER).contains(" INFO dev.herald.server.HeraldServer: HTTP on ");
    }

    @Test
    void levelsByLoggerBringDebugLinesOfNettyAndVertxAndSilenceHerald() throws Throwable {
        String log = logOfARun(List.of("--log-level",
                        "warn,io.netty=debug,io.vertx.core.internal.logging=debug,dev.herald.server.webhook=error"),
                base -> assertThat(TestHttp.get(base.resolve("/health")).statusCode()).isEqualTo(200));

        assertThat(log).as("Netty logs through SLF4J into Herald's format")
                .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d DEBUG io\\.netty\\.[\\w.]+: ")
                .as("Vert.x chose SLF4J").contains(" DEBUG io.vertx.core.internal.logging.LoggerFactory: Using "
                        + "io.vertx.core.logging.SLF4JLogDelegateFactory")
                .as("root at warn: Herald's info lines are silent").doesNotContain("HTTP on ")
                .as("the webhook's logger at error: its start warning is silent").doesNotContain("WebhookAccess")
                .doesNotContainPattern("(?m)^SLF4J");
        for (String line : log.lines().toList()) {
            assertThat(TEXT_LINE.matcher(line).matches() || line.startsWith("\tat ") || line.startsWith("Caused by"))
                    .as("a line in the text format (or of a trace): %s", line).isTrue();
        }
    }

    @Test
    void aBadLevelOrFormatIsExplainedInTwoLines() throws Exception {
        assertThat(refused(Map.of(), "--log-level", "verbose")).isEqualTo(
                "herald: --log-level: 'verbose' is not a level; use one of trace, debug, info, warn, error, off\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--log-level", "info,=debug")).isEqualTo(
                "herald: --log-level: item '=debug' does not name a logger; write logger=level, as dev.herald=debug\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_LOG_LEVEL", "dev.herald=loud"))).isEqualTo(
                "herald: HERALD_LOG_LEVEL (the environment's value for --log-level): 'loud' is not a level; use one "
                        + "of trace, debug, info, warn, error, off\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--log-format", "xml")).isEqualTo(
                "herald: --log-format: must be text or json, got xml\n"
                        + "Try 'herald --help' for the options.\n");
    }
}
