package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it: options, errors on the command line, and a clean stop on SIGTERM. */
class CommandLineIT {

    private static final Path JAR = Path.of("target", "herald.jar");

    private static Process run(Map<String, String> env, String... args) throws IOException {
        return runWithHeap(null, env, args);
    }

    /** The jar in a JVM whose largest heap is {@code maxHeap} ({@code 64m}), or the JVM's default when null. */
    private static Process runWithHeap(String maxHeap, Map<String, String> env, String... args) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (maxHeap != null) {
            command.add("-Xmx" + maxHeap);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // These runs are not about the stop: streams left open end at once rather than over the 10 s drain.
        builder.environment().put("HERALD_DRAIN_TIME", "0s");
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
                "--retry", "--history-size", "HERALD_HISTORY_SIZE", "--history-age", "HERALD_HISTORY_AGE", "--history-memory",
                "HERALD_HISTORY_MEMORY",
                "--buffer-limit", "HERALD_BUFFER_LIMIT", "--body-limit", "HERALD_BODY_LIMIT", "--redis", "HERALD_REDIS",
                "--github-webhook-secret", "HERALD_GITHUB_WEBHOOK_SECRET", "--config", "HERALD_CONFIG", "--github-webhook-channel",
                "HERALD_GITHUB_WEBHOOK_CHANNEL", "--webhooks-file", "HERALD_WEBHOOKS_FILE",
                "--max-streams", "HERALD_MAX_STREAMS", "--max-streams-per-client", "HERALD_MAX_STREAMS_PER_CLIENT",
                "--publish-rate", "HERALD_PUBLISH_RATE", "--token-publish-rate", "HERALD_TOKEN_PUBLISH_RATE",
                "--trusted-proxies", "HERALD_TRUSTED_PROXIES", "--request-timeout", "HERALD_REQUEST_TIMEOUT",
                "--idle-timeout", "HERALD_IDLE_TIMEOUT", "--cors-origins", "HERALD_CORS_ORIGINS",
                "--jwt-secret", "HERALD_JWT_SECRET", "--jwt-key", "HERALD_JWT_KEY", "--private-channels",
                "HERALD_PRIVATE_CHANNELS", "--allow-query-token", "--allow-anonymous-publish", "--management-port",
                "HERALD_MANAGEMENT_PORT", "--metrics-path", "HERALD_METRICS_PATH", "--tls-cert", "HERALD_TLS_CERT",
                "--tls-key", "HERALD_TLS_KEY", "--self-signed", "HERALD_SELF_SIGNED", "--h2c", "HERALD_H2C",
                "--event-loops", "HERALD_EVENT_LOOPS", "--native-transport", "HERALD_NATIVE_TRANSPORT");
    }

    @Test
    void helpNeverShowsTheWebhookSecret() throws Exception {
        Process process = run(Map.of("HERALD_GITHUB_WEBHOOK_SECRET", "hunter2-from-the-environment"), "--help");
        assertThat(outputOf(process)).contains("--github-webhook-secret").doesNotContain("hunter2");
    }

    @Test
    void aBadWebhookChannelIsExplainedInTwoLines() throws Exception {
        assertThat(refused(Map.of(), "--github-webhook-channel", "x".repeat(201))).isEqualTo(
                "herald: --github-webhook-channel: channel name must be at most 200 characters, got 201\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_GITHUB_WEBHOOK_CHANNEL", "builds\tci"))).isEqualTo(
                "herald: HERALD_GITHUB_WEBHOOK_CHANNEL (the environment's value for --github-webhook-channel): "
                        + "channel name must not contain control characters (found U+0009 at position 6)\n"
                        + "Try 'herald --help' for the options.\n");
    }

    /** Runs the jar on a free port, does {@code whileListening} with its address, stops it; returns its standard error. */
    private static String errorsOfARun(Map<String, String> env, ThrowingConsumer<URI> whileListening) throws Throwable {
        return errorsOfARun(env, List.of(), whileListening);
    }

    /** The same, with these arguments besides {@code --port 0}. */
    private static String errorsOfARun(Map<String, String> env, List<String> args, ThrowingConsumer<URI> whileListening)
            throws Throwable {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(args);
        Process process = run(env, all.toArray(String[]::new));
        try {
            whileListening.accept(ListeningLine.awaitListening(process));
        } finally {
            process.toHandle().destroy(); // SIGTERM; Process.destroy would also close the streams before we read them
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        }
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void withoutASecretTheJarWarnsOnceAtStartThatTheWebhookTakesUnsignedDeliveries() throws Throwable {
        assertThat(errorsOfARun(Map.of(), base -> { }))
                .containsOnlyOnce(" WARN ")
                .containsOnlyOnce("POST /webhook/github accepts unsigned deliveries because Herald listens on a "
                        + "loopback address and no secret is set");
    }

    @Test
    void theSecretFromTheEnvironmentIsRequiredOfDeliveriesAndNeverPrinted() throws Throwable {
        String secret = "hunter2-from-the-environment";
        String errors = errorsOfARun(Map.of("HERALD_GITHUB_WEBHOOK_SECRET", secret), base -> {
            URI webhook = base.resolve("webhook/github");
            assertThat(GitHubSender.to(webhook, null).deliver("push", "d-1", GitHubSender.PUSH).statusCode())
                    .isEqualTo(401);
            assertThat(GitHubSender.to(webhook, secret).deliver("push", "d-1", GitHubSender.PUSH).statusCode())
                    .isEqualTo(200);
        });
        assertThat(errors).doesNotContain(" WARN ").doesNotContain("hunter2");
    }

    /** Runs the jar with a bad value and returns what it printed, having checked that it exited with 2. */
    private static String refused(Map<String, String> env, String... args) throws Exception {
        Process process = run(env, args);
        String output = outputOf(process);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        return output;
    }

    @Test
    void aBadWebhooksFileIsExplainedInTwoLines(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("webhooks.json"),
                "{\"stripe\": {\"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\", \"message\": \"Payment {{data.id\"}}");
        assertThat(refused(Map.of(), "--webhooks-file", file.toString())).isEqualTo(
                "herald: --webhooks-file: " + file + ": webhook \"stripe\": message has a {{ without its }} at position 8\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_WEBHOOKS_FILE", dir.resolve("missing.json").toString()))).isEqualTo(
                "herald: HERALD_WEBHOOKS_FILE (the environment's value for --webhooks-file): "
                        + dir.resolve("missing.json") + ": no such file\n"
                        + "Try 'herald --help' for the options.\n");
    }

    @Test
    void aStandardWebhookWithItsSecretInTheEnvironmentTakesSignedDeliveries(@TempDir Path dir) throws Throwable {
        String secret = StandardSender.secretOf("hunter2, 24 bytes of key");
        Path file = Files.writeString(dir.resolve("webhooks.json"),
                "{\"stripe\": {\"secretEnv\": \"STRIPE_WEBHOOK_SECRET\", \"message\": \"Payment {{data.id}}\"}}");
        String errors = errorsOfARun(Map.of("HERALD_WEBHOOKS_FILE", file.toString(), "STRIPE_WEBHOOK_SECRET", secret,
                "HERALD_GITHUB_WEBHOOK_SECRET", "quiet"), base -> {
            URI webhook = base.resolve("webhook/stripe");
            try (SseTestClient client = SseTestClient.connect(base.resolve("stream"))) {
                assertThat(StandardSender.to(webhook, StandardSender.secretOf("a guess at the key, 24 b"))
                        .deliver("msg_1", "{\"data\": {\"id\": \"in_1\"}}").statusCode()).isEqualTo(401);
                assertThat(StandardSender.to(webhook, secret).deliver("msg_1", "{\"data\": {\"id\": \"in_1\"}}")
                        .statusCode()).isEqualTo(200);
                assertThat(client.next().data()).isEqualTo("{\"message\":\"Payment in_1\",\"webhook\":\"stripe\"}");
            }
        });
        assertThat(errors).doesNotContain(" WARN ").doesNotContain(secret.substring(6));
    }

    @Test
    void aBadEventLoopCountOrTransportIsExplainedInTwoLines() throws Exception {
        assertThat(refused(Map.of(), "--event-loops", "0")).isEqualTo(
                "herald: --event-loops: must be between 1 and 256, got 0\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_EVENT_LOOPS", "1000"))).isEqualTo(
                "herald: HERALD_EVENT_LOOPS (the environment's value for --event-loops): must be between 1 and 256, "
                        + "got 1000\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--native-transport", "maybe")).isEqualTo(
                "herald: --native-transport: 'maybe' is not a boolean\n"
                        + "Try 'herald --help' for the options.\n");
    }

    @Test
    void theJarSaysOnceWhichTransportAndHowManyLoopsServeHttpWithoutAWarning() throws Throwable {
        String errors = errorsOfARun(Map.of("HERALD_GITHUB_WEBHOOK_SECRET", "quiet"), List.of("--event-loops", "2"), base ->
                assertThat(TestHttp.get(base.resolve("health")).statusCode()).isEqualTo(200));
        assertThat(errors).containsOnlyOnce("HTTP on 2 event loops, over Netty's native epoll transport")
                .doesNotContain(" WARN ");
        String nio = errorsOfARun(Map.of("HERALD_GITHUB_WEBHOOK_SECRET", "quiet", "HERALD_NATIVE_TRANSPORT", "false"),
                List.of("--event-loops", "1"), base -> { });
        assertThat(nio).containsOnlyOnce("HTTP on 1 event loop, over the JDK's NIO (native-transport is off)")
                .doesNotContain(" WARN ");
    }

    @Test
    void versionIsTheBuildsOwn() throws Exception {
        Process process = run(Map.of(), "--version");
        assertThat(outputOf(process)).isEqualTo("Herald " + System.getProperty("herald.version") + "\n");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aBadManagementPortOrMetricsPathIsExplainedInTwoLines() throws Exception {
        assertThat(refused(Map.of(), "--management-port", "70000")).isEqualTo(
                "herald: --management-port: must be between 0 and 65535, got 70000\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_MANAGEMENT_PORT", "admin"))).isEqualTo(
                "herald: HERALD_MANAGEMENT_PORT (the environment's value for --management-port): 'admin' is not an int\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--port", "9000", "--management-port", "9000")).isEqualTo(
                "herald: --management-port: must differ from --port, got 9000\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--metrics-path", "/ready")).isEqualTo(
                "herald: --metrics-path: must differ from /health and /ready, got /ready\n"
                        + "Try 'herald --help' for the options.\n");
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
    void aHistoryBudgetOverHalfTheHeapIsRefusedAtStart() throws Exception {
        Process process = runWithHeap("64m", Map.of(), "--port", "0", "--history-memory", "40MiB");
        String output = outputOf(process);

        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).startsWith("herald: --history-memory: must be at most half of the heap (")
                .contains("got 40MiB; give the JVM a larger -Xmx");
        assertThat(output).doesNotContain("Herald listening");
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
        Process process = run(Map.of("HERALD_REDIS", "redis://127.0.0.1:1"), "--port", "0");
        assertThat(outputOf(process)).contains("cannot reach Redis at redis://127.0.0.1:1").doesNotContain("deprecated");
        assertThat(process.exitValue()).isEqualTo(1);
    }

    @Test
    void aRedisAndARedisClusterTogetherAreRefusedInOneLineAndAnUnreachableClusterIsReported() throws Exception {
        assertThat(refused(Map.of(), "--redis", "redis://127.0.0.1:1", "--redis-cluster", "127.0.0.1:2"))
                .startsWith("herald: --redis-cluster: give either redis (one Redis) or redis-cluster (a Redis "
                        + "Cluster's seed nodes), not both\n");
        assertThat(refused(Map.of(), "--redis-cluster", "127.0.0.1"))
                .startsWith("herald: --redis-cluster: each seed is host:port or redis://[user:password@]host:port, "
                        + "got 127.0.0.1\n");

        Process process = run(Map.of("HERALD_REDIS_CLUSTER", "redis://:hunter2@127.0.0.1:1"), "--port", "0");
        assertThat(outputOf(process)).contains("cannot reach Redis at redis://127.0.0.1:1").doesNotContain("hunter2");
        assertThat(process.exitValue()).isEqualTo(1);
    }

    @Test
    void theOlderRedisVariableIsStillReadAndSaidOnceToBeDeprecated() throws Exception {
        Process process = run(Map.of("REDIS_URL", "redis://127.0.0.1:1"), "--port", "0");
        assertThat(outputOf(process)).containsOnlyOnce("REDIS_URL is deprecated; set HERALD_REDIS")
                .contains("cannot reach Redis at redis://127.0.0.1:1");
        assertThat(process.exitValue()).isEqualTo(1);
    }

    @Test
    void theJarRunsFromAConfigurationFileUnderTheFlagsAndTheEnvironment(@TempDir Path dir) throws Throwable {
        String secret = "command-line-test-secret-32-bytes-or-more";
        Path file = Files.writeString(dir.resolve("herald.yaml"), """
                # the options under their names, as the flags without their dashes
                port: 8
                jwt-secret: %s
                retry: 7s
                github-webhook-secret: quiet
                """.formatted(secret));
        // the port the file gives is overridden by errorsOfARun's --port 0; the retry by the environment
        String errors = errorsOfARun(Map.of("HERALD_RETRY", "4s"), List.of("--config", file.toString()), base -> {
            assertThat(TestHttp.post(base.resolve("send_notification"), "{\"message\":\"closed\"}").statusCode())
                    .as("the file's secret is in force").isEqualTo(401);
            try (SseTestClient client = SseTestClient.connect(base.resolve("stream"))) {
                assertThat(client.nextRetry()).isEqualTo(4000);
            }
        });
        assertThat(errors).doesNotContain("WARNING").doesNotContain(secret);
    }

    @Test
    void aConfigurationFileHeraldRefusesStopsTheStartInOneLine(@TempDir Path dir) throws Exception {
        Path misspelt = Files.writeString(dir.resolve("herald.yaml"), "port: 0\nmax-stream: 20000\n");
        assertThat(refused(Map.of(), "--config", misspelt.toString()))
                .isEqualTo("herald: " + misspelt + ": 'max-stream' is not an option; did you mean 'max-streams'?\n");
        Path broken = Files.writeString(dir.resolve("broken.yml"), "port: 0\n  heartbeat: 1s\n");
        assertThat(refused(Map.of("HERALD_CONFIG", broken.toString())))
                .isEqualTo("herald: " + broken + ": is not valid YAML: line 2, column 12: mapping values are not allowed "
                        + "here\n");
        assertThat(refused(Map.of(), "--config", dir.resolve("missing.properties").toString(), "--port", "0"))
                .isEqualTo("herald: " + dir.resolve("missing.properties") + ": no such file\n");
        Path badValue = Files.writeString(dir.resolve("herald.properties"), "heartbeat=0s\n");
        assertThat(refused(Map.of(), "--config", badValue.toString())).isEqualTo("herald: " + badValue
                + ": heartbeat: must be positive, got 0s\nTry 'herald --help' for the options.\n");
    }

    @Test
    void aPortInUseIsNamedAsTheOneThatIsBusy() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process management = run(Map.of(), "--port", "0", "--management-port", Integer.toString(busy.getLocalPort()));
            assertThat(outputOf(management)).contains("herald: cannot start: cannot listen on 127.0.0.1:"
                    + busy.getLocalPort() + " (--management-port): ");
            assertThat(management.exitValue()).isEqualTo(1);

            Process application = run(Map.of(), "--port", Integer.toString(busy.getLocalPort()));
            assertThat(outputOf(application)).contains("herald: cannot start: cannot listen on 127.0.0.1:"
                    + busy.getLocalPort() + ": ").doesNotContain("--management-port");
            assertThat(application.exitValue()).isEqualTo(1);
        }
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

    @Test
    void aShortJwtSecretIsRefusedInTwoLines() throws Exception {
        assertThat(refused(Map.of(), "--jwt-secret", "too-short")).isEqualTo(
                "herald: --jwt-secret: must be at least 32 bytes for HS256, got 9; make one with: openssl rand -base64 32\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_JWT_SECRET", "too-short"))).startsWith(
                "herald: HERALD_JWT_SECRET (the environment's value for --jwt-secret): must be at least 32 bytes");
    }

    @Test
    void aNonLoopbackHostWithoutAKeyIsRefusedBeforeListening() throws Exception {
        assertThat(refused(Map.of(), "--host", "0.0.0.0", "--port", "0")).isEqualTo(
                "herald: --host: 0.0.0.0 is not a loopback address, so anyone who reaches it could publish; set "
                        + "--jwt-secret or --jwt-key to require tokens, or --allow-anonymous-publish to publish openly\n"
                        + "Try 'herald --help' for the options.\n");
    }

    @Test
    void allowAnonymousPublishIsTakenAndLoopbackPublishingStaysOpenAndQuiet() throws Throwable {
        String errors = errorsOfARun(Map.of("HERALD_ALLOW_ANONYMOUS_PUBLISH", "true"), base ->
                assertThat(TestHttp.post(base.resolve("send_notification"), "{\"message\":\"open\"}").statusCode())
                        .isEqualTo(200));
        assertThat(errors).doesNotContain("open to anyone");
    }

    @Test
    void withASecretTheJarRefusesPublishersWithoutAToken() throws Throwable {
        errorsOfARun(Map.of("HERALD_JWT_SECRET", "command-line-test-secret-32-bytes-or-more"), base ->
                assertThat(TestHttp.post(base.resolve("send_notification"), "{\"message\":\"closed\"}").statusCode())
                        .isEqualTo(401));
    }

    @Test
    void privateChannelsWithoutAKeyAreRefused() throws Exception {
        assertThat(refused(Map.of("HERALD_PRIVATE_CHANNELS", "private-*"))).startsWith(
                "herald: HERALD_PRIVATE_CHANNELS (the environment's value for --private-channels): need a token key "
                        + "(jwt-secret or jwt-key)");
    }

    @Test
    void theTokenSubcommandPrintsOneTokenThatVerifies() throws Exception {
        String secret = "command-line-test-secret-32-bytes-or-more";
        Process process = run(Map.of("HERALD_JWT_SECRET", secret),
                "token", "--publish", "orders-*", "--publish", "sse", "--subscribe", "user-42", "--ttl", "2h");
        String output = outputOf(process);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).endsWith("\n").doesNotContain(" ");
        assertThat(output.lines()).hasSize(1);

        dev.herald.auth.VerifiedToken token = new dev.herald.auth.TokenVerifier(dev.herald.auth.TokenOptions.secret(secret))
                .verify(output.trim());
        assertThat(token.grants().mayPublish("orders-3")).isTrue();
        assertThat(token.grants().mayPublish("sse")).isTrue();
        assertThat(token.grants().maySubscribe("user-42")).isTrue();
        assertThat(token.expiresAt()).isBetween(java.time.Instant.now().plusSeconds(7100), java.time.Instant.now().plusSeconds(7210));
    }

    @Test
    void theTokenSubcommandMintsAnAdminsTokenWithAdmin() throws Exception {
        String secret = "command-line-test-secret-32-bytes-or-more";
        Process admin = run(Map.of("HERALD_JWT_SECRET", secret), "token", "--admin", "--ttl", "10m");
        String output = outputOf(admin);
        assertThat(admin.exitValue()).as(output).isZero();
        dev.herald.auth.TokenVerifier verifier = new dev.herald.auth.TokenVerifier(
                dev.herald.auth.TokenOptions.secret(secret));
        dev.herald.auth.VerifiedToken token = verifier.verify(output.trim());
        assertThat(token.admin()).isTrue();
        assertThat(token.grants().mayPublish("sse")).as("an admin's token publishes nothing by itself").isFalse();

        Process publisher = run(Map.of("HERALD_JWT_SECRET", secret), "token", "--publish", "sse");
        String plain = outputOf(publisher);
        assertThat(publisher.exitValue()).as(plain).isZero();
        assertThat(verifier.verify(plain.trim()).admin()).isFalse();
    }

    @Test
    void theTokenSubcommandNamesTheSubjectAndTheTokenIdAnAdminActsOn() throws Exception {
        String secret = "command-line-test-secret-32-bytes-or-more";
        Process reader = run(Map.of("HERALD_JWT_SECRET", secret), "token", "--subscribe", "user-42", "--subject", "ada",
                "--jti", "t-1");
        String output = outputOf(reader);
        assertThat(reader.exitValue()).as(output).isZero();
        dev.herald.auth.VerifiedToken token = new dev.herald.auth.TokenVerifier(dev.herald.auth.TokenOptions.secret(secret))
                .verify(output.trim());
        assertThat(token.subject()).isEqualTo("ada");
        assertThat(token.tokenId()).isEqualTo("t-1");
    }

    @Test
    void theTokenSubcommandWithoutASecretFailsInOneLine() throws Exception {
        Process process = run(Map.of(), "token", "--publish", "sse");
        String output = outputOf(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("herald token: no secret to sign with; set HERALD_JWT_SECRET or --jwt-secret\n");
    }

    @Test
    void theTokenSubcommandRefusesATokenThatGrantsNothing() throws Exception {
        Process process = run(Map.of("HERALD_JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes"), "token");
        String output = outputOf(process);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).startsWith("herald token: a token that grants nothing is of no use; give --publish");
    }

    @Test
    void theStartLineSaysWhetherPublishingNeedsATokenAndWhichChannelsArePrivate() throws Exception {
        Process open = run(Map.of(), "--port", "0");
        Process guarded = run(Map.of("HERALD_JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes"),
                "--port", "0", "--private-channels", "user-*,admin");
        try {
            assertThat(firstLineOf(open)).startsWith("Herald listening on http://127.0.0.1:")
                    .endsWith("/ (in-memory broker; open publishing)");
            assertThat(firstLineOf(guarded))
                    .endsWith("/ (in-memory broker; publishing needs a token; private channels user-*,admin)");
        } finally {
            for (Process process : List.of(open, guarded)) {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static String firstLineOf(Process process) throws IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
    }

    @Test
    void helpNeverShowsTheJwtSecret() throws Exception {
        Process process = run(Map.of("HERALD_JWT_SECRET", "hunter2-from-the-environment-32-bytes"), "--help");
        assertThat(outputOf(process)).contains("--jwt-secret", "HERALD_JWT_SECRET", "--jwt-key", "HERALD_JWT_KEY",
                "--jwt-issuer", "--jwt-audience", "--private-channels", "HERALD_PRIVATE_CHANNELS", "--allow-query-token",
                "--allow-anonymous-publish", "HERALD_ALLOW_ANONYMOUS_PUBLISH", "token").doesNotContain("hunter2");
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
        assertThat(refused(Map.of(), "--trusted-proxies", "127.0.0.1,nginx"))
                .isEqualTo("herald: --trusted-proxies: must be IP addresses or CIDR blocks (10.0.0.0/8, fd00::/8), "
                        + "comma-separated; \"nginx\" is not one" + help);
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
    void aMissingOrBrokenTlsFileIsExplainedInTwoLines(@TempDir Path dir) throws Exception {
        DevelopmentCertificate.Pem pem = DevelopmentCertificate.generate();
        String cert = Files.writeString(dir.resolve("cert.pem"), pem.certificate()).toString();
        String key = Files.writeString(dir.resolve("key.pem"), pem.privateKey()).toString();
        String missing = dir.resolve("missing.pem").toString();
        String junk = Files.writeString(dir.resolve("junk.pem"), "not PEM\n").toString();

        assertThat(refused(Map.of(), "--tls-cert", cert, "--tls-key", missing)).isEqualTo(
                "herald: --tls-key: no such file: " + missing + "\nTry 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_TLS_KEY", missing), "--tls-cert", cert)).isEqualTo(
                "herald: HERALD_TLS_KEY (the environment's value for --tls-key): no such file: " + missing
                        + "\nTry 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--tls-cert", junk, "--tls-key", key)).isEqualTo(
                "herald: --tls-cert: " + junk + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
                        + "\nTry 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--tls-cert", cert, "--tls-key", cert)).isEqualTo(
                "herald: --tls-key: " + cert + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, or its RSA or EC "
                        + "form)\nTry 'herald --help' for the options.\n");
        assertThat(refused(Map.of(), "--tls-cert", cert)).isEqualTo(
                "herald: --tls-cert: needs --tls-key, the file with the certificate's private key"
                        + "\nTry 'herald --help' for the options.\n");
    }

    @Test
    void selfSignedIsNotCombinedWithACertificateNorH2c() throws Exception {
        assertThat(refused(Map.of(), "--self-signed", "--tls-cert", "cert.pem", "--tls-key", "key.pem")).isEqualTo(
                "herald: --self-signed: cannot be combined with --tls-cert: either Herald makes a certificate or it uses "
                        + "yours\nTry 'herald --help' for the options.\n");
        assertThat(refused(Map.of("HERALD_SELF_SIGNED", "true"), "--h2c")).isEqualTo(
                "herald: --h2c: is HTTP/2 without TLS, for a proxy in front; with TLS, HTTP/2 is offered anyway (ALPN)"
                        + "\nTry 'herald --help' for the options.\n");
    }

    @Test
    void selfSignedServesHttp2OverTlsAndWarnsOnceThatItIsForDevelopment() throws Throwable {
        String errors = errorsOfARun(Map.of(), List.of("--self-signed"), base -> {
            assertThat(base.getScheme()).isEqualTo("https");
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_2)
                    .sslContext(Http2Clients.trustingAnyCertificate()).build();
            java.net.http.HttpResponse<String> health = client.send(
                    java.net.http.HttpRequest.newBuilder(base.resolve("health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
            assertThat(health.statusCode()).isEqualTo(200);
        });
        assertThat(errors).containsOnlyOnce("--self-signed: TLS with a certificate made at start, for development only");
    }
}
