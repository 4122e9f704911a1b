package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.AccessOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** GET /metrics, /health and /ready on the memory broker: on the application's port, on a port of their own, behind a token. */
class MetricsIT {

    private static void publish(RunningServer herald, String data) {
        publish(herald, data, "news");
    }

    private static void publish(RunningServer herald, String data, String channel) {
        HttpResponse<String> response = TestHttp.post(herald.uri("/publish"),
                "{\"channel\":\"" + channel + "\",\"type\":\"t\",\"data\":\"" + data + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void metricsCountTheOpenStreamsAndThePublishedAndDeliveredEvents() {
        // one event loop: the delivery latency is recorded once per event per loop that has its clients
        try (RunningServer herald = RunningServer.start(HeraldConfig.defaults()
                .withLoops(EventLoopOptions.defaults().withEventLoops(1)));
             SseTestClient first = SseTestClient.connect(herald.uri("/stream?channel=news"));
             SseTestClient second = SseTestClient.connect(herald.uri("/stream?channel=news"))) {
            publish(herald, "one");
            publish(herald, "two");
            publish(herald, "three");
            assertThat(first.next(3)).hasSize(3);
            assertThat(second.next(3)).hasSize(3);

            HttpResponse<String> metrics = TestHttp.get(herald.uri("/metrics"));

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).contains(ManagementRoutes.PROMETHEUS_TEXT);
            assertThat(metrics.body().lines()).contains("herald_streams_open{transport=\"stream\"} 2.0",
                    "herald_streams_opened_total{transport=\"stream\"} 2.0", "herald_streams_open{transport=\"poll\"} 0.0",
                    "herald_events_published_total 3.0", "herald_events_delivered_total 6.0",
                    "herald_subscribers_dropped_total 0.0", "herald_delivery_latency_seconds_count 3");
            assertThat(metrics.body()).doesNotContain("herald_redis_");
        }
    }

    @Test
    void healthAndReadinessAreUpOnTheMemoryBroker() {
        try (RunningServer herald = RunningServer.start()) {
            HttpResponse<String> health = TestHttp.get(herald.uri("/health"));
            HttpResponse<String> ready = TestHttp.get(herald.uri("/ready"));

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void probesMayUseHeadAndOtherMethodsAre405() {
        try (RunningServer herald = RunningServer.start()) {
            for (String path : List.of("/health", "/ready", "/metrics")) {
                HttpResponse<String> head = TestHttp.request("HEAD", herald.uri(path));
                assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(200);
                assertThat(head.body()).as("HEAD " + path).isEmpty();

                HttpResponse<String> post = TestHttp.request("POST", herald.uri(path));
                assertThat(post.statusCode()).as("POST " + path).isEqualTo(405);
                assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
                assertThat(post.body()).startsWith("{\"status\":\"error\",\"message\":\"Method POST is not allowed here");
            }
        }
    }

    @Test
    void withAManagementPortTheEndpointsAreServedOnlyThere() {
        HeraldConfig config = HeraldConfig.defaults().withManagement(ManagementOptions.defaults().withPort(0));
        try (RunningServer herald = RunningServer.start(config)) {
            int managementPort = herald.server().managementPort().orElseThrow();
            assertThat(managementPort).isNotEqualTo(herald.server().port());

            for (String path : List.of("/health", "/ready", "/metrics")) {
                assertThat(TestHttp.get(URI.create("http://127.0.0.1:" + managementPort + path)).statusCode())
                        .as(path).isEqualTo(200);
                assertThat(TestHttp.get(herald.uri(path)).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(TestHttp.get(URI.create("http://127.0.0.1:" + managementPort + "/stream")).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void metricsCarryTheJvmAndTheProcessUnderMicrometersStandardNames() {
        try (RunningServer herald = RunningServer.start()) {
            String metrics = TestHttp.get(herald.uri("/metrics")).body();

            assertThat(metrics).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                    "process_cpu_usage ", "process_uptime_seconds ", "process_files_open_files ", "system_cpu_count ");
            assertThat(metrics).containsPattern("(?m)^jvm_gc_(pause_seconds|memory_allocated_bytes_total|max_data_size_bytes)");
        }
    }

    @Test
    void aWaitingLongPollCountsUnderTheTransportPollAndRefusalsOfTheLimitsByTheirReason() {
        try (RunningServer herald = RunningServer.start(HeraldConfig.defaults().withLimits(
                LimitsOptions.builder().maxStreams(100).maxStreamsPerClient(1).build()))) {
            String next = Polls.poll(herald.uri("/poll?channel=waiting")).next();
            CompletableFuture<HttpResponse<String>> waiting = Polls.send(herald.uri("/poll?channel=waiting&wait=30&since=" + next));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> TestHttp.get(herald.uri("/metrics")).body().lines()
                    .anyMatch("herald_streams_open{transport=\"poll\"} 1.0"::equals));
            assertThat(Polls.send(herald.uri("/poll?channel=waiting&wait=30&since=" + next)).join().statusCode())
                    .as("one stream or poll per address here").isEqualTo(429);

            publish(herald, "wakes the poll", "waiting");
            assertThat(Polls.answerOf(Polls.await(waiting)).events()).hasSize(1);

            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    TestHttp.get(herald.uri("/metrics")).body().lines()).contains(
                    "herald_streams_open{transport=\"poll\"} 0.0", "herald_streams_opened_total{transport=\"poll\"} 2.0",
                    "herald_streams_closed_total{transport=\"poll\"} 2.0", "herald_streams_opened_total{transport=\"stream\"} 0.0",
                    "herald_refusals_total{reason=\"client_streams\"} 1.0"));
        }
    }

    @Test
    void theMetricsPathCanBeChosen() {
        HeraldConfig config = HeraldConfig.defaults().withManagement(new ManagementOptions(OptionalInt.empty(), "/internal/prometheus"));
        try (RunningServer herald = RunningServer.start(config)) {
            HttpResponse<String> metrics = TestHttp.get(herald.uri("/internal/prometheus"));

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("herald_streams_open{transport=\"stream\"} 0.0");
            assertThat(TestHttp.get(herald.uri("/metrics")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void withTokensTheMetricsNeedAPublisherTokenButHealthAndReadinessStayOpen() {
        HeraldConfig config = HeraldConfig.defaults().withAccess(AccessOptions.tokens(TestTokens.OPTIONS));
        try (RunningServer herald = RunningServer.start(config)) {
            HttpResponse<String> refused = TestHttp.get(herald.uri("/metrics"));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).startsWith("{\"status\":\"error\",\"message\":");

            String token = TestTokens.token(List.of("orders-*"), List.of());
            HttpResponse<String> metrics = TestHttp.get(herald.uri("/metrics"), "Authorization", "Bearer " + token);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("herald_streams_open{transport=\"stream\"} 0.0");

            assertThat(TestHttp.get(herald.uri("/metrics"), "Authorization", "Bearer " + TestTokens.forged(List.of("*")))
                    .statusCode()).isEqualTo(401);
            assertThat(TestHttp.postJson(herald.uri("/publish"), "{\"channel\":\"news\",\"data\":\"x\"}",
                    "Authorization", "Bearer " + token).statusCode()).isEqualTo(403);
            assertThat(TestHttp.get(herald.uri("/metrics"), "Authorization", "Bearer " + token).body().lines())
                    .as("each refusal counted by its reason").contains(
                            "herald_refusals_total{reason=\"token_missing\"} 1.0",
                            "herald_refusals_total{reason=\"token_invalid\"} 1.0",
                            "herald_refusals_total{reason=\"channel_forbidden\"} 1.0",
                            "herald_refusals_total{reason=\"node_full\"} 0.0");
            assertThat(TestHttp.get(herald.uri("/health")).statusCode()).isEqualTo(200);
            assertThat(TestHttp.get(herald.uri("/ready")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withTokensTheMetricsTakeOnlyAPublisherTokenAsABearerAndSayWhatTheyNeed() {
        HeraldConfig config = HeraldConfig.defaults().withAccess(AccessOptions.tokens(TestTokens.OPTIONS));
        try (RunningServer herald = RunningServer.start(config)) {
            HttpResponse<String> missing = TestHttp.get(herald.uri("/metrics"));
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(TestHttp.json(missing).path("message").asText())
                    .isEqualTo("a token is required to read the metrics: send Authorization: Bearer <token> with a publisher token");

            String publisher = TestTokens.token(List.of("orders-*"), List.of());
            assertThat(TestHttp.get(herald.uri("/metrics"), "Cookie", "herald_token=" + publisher).statusCode())
                    .as("the cookie is not the bearer the docs name").isEqualTo(401);

            HttpResponse<String> subscriber = TestHttp.get(herald.uri("/metrics"),
                    "Authorization", "Bearer " + TestTokens.token(List.of(), List.of("*")));
            assertThat(subscriber.statusCode()).isEqualTo(403);
            assertThat(TestHttp.json(subscriber).path("message").asText())
                    .isEqualTo("this token may not read the metrics: it publishes on no channel");
        }
    }

    @Test
    void withTokensAndAManagementPortTheMetricsThereNeedNoToken() {
        HeraldConfig config = HeraldConfig.defaults().withAccess(AccessOptions.tokens(TestTokens.OPTIONS))
                .withManagement(ManagementOptions.defaults().withPort(0));
        try (RunningServer herald = RunningServer.start(config)) {
            int managementPort = herald.server().managementPort().orElseThrow();

            assertThat(TestHttp.get(URI.create("http://127.0.0.1:" + managementPort + "/metrics")).statusCode())
                    .isEqualTo(200);
        }
    }
}
