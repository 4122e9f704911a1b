package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.vertx.CorsOptions;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS as a browser meets it: preflights, the allowed origin on answers, and nothing for other origins. */
class CorsIT {

    private static final String APP = "https://app.example.com";
    private static final String OTHER = "https://evil.example.com";

    private static RunningServer listed;
    private static RunningServer any;
    private static RunningServer none;

    @BeforeAll
    static void start() {
        listed = RunningServer.start(HeraldConfig.defaults().withCors(new CorsOptions(List.of(APP, "http://localhost:3000"))));
        any = RunningServer.start(HeraldConfig.defaults().withCors(new CorsOptions(List.of("*"))));
        none = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        listed.close();
        any.close();
        none.close();
    }

    private static HttpResponse<String> preflight(RunningServer server, String path, String origin, String method) {
        return TestHttp.request("OPTIONS", server.uri(path), "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "content-type,last-event-id");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/send_notification", "/stream", "/poll"})
    void aPreflightFromAListedOriginIsAnswered204WithTheMethodsAndHeaders(String path) {
        HttpResponse<String> response = preflight(listed, path, APP, path.equals("/stream") || path.equals("/poll") ? "GET" : "POST");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(response, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(response, "Access-Control-Allow-Methods")).isEqualTo("POST,GET");
        assertThat(header(response, "Access-Control-Allow-Headers")).isEqualTo("Content-Type,Authorization,Last-Event-ID");
        assertThat(header(response, "Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void answersToAListedOriginCarryItsOriginRefusalsToo() {
        HttpResponse<String> published = TestHttp.postJson(listed.uri("/publish"), "{\"data\":\"x\"}", "Origin", APP);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(header(published, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(published, "Access-Control-Expose-Headers")).isEqualTo("Retry-After");

        HttpResponse<String> refused = TestHttp.postJson(listed.uri("/send_notification"), "{}", "Origin", APP);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(header(refused, "Access-Control-Allow-Origin")).as("the page may read why").isEqualTo(APP);

        try (SseTestClient stream = SseTestClient.connect(listed.uri("/stream"), Map.of("Origin", "http://localhost:3000"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
            assertThat(stream.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        }
    }

    @Test
    void anotherOriginGetsNoCorsHeadersButASamePagePostIsStillServed() {
        HttpResponse<String> preflight = preflight(listed, "/publish", OTHER, "POST");
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.statusCode()).isEqualTo(405);

        HttpResponse<String> published = TestHttp.postJson(listed.uri("/send_notification"), "{\"message\":\"hi\"}",
                "Origin", "http://127.0.0.1:" + listed.uri("/").getPort());
        assertThat(published.statusCode()).as("the page's own POST carries its Origin").isEqualTo(200);
        assertThat(header(published, "Access-Control-Allow-Origin")).isNull();

        try (SseTestClient stream = SseTestClient.connect(listed.uri("/stream"), Map.of("Origin", OTHER))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void aStarAllowsEveryOriginWithoutCredentials() {
        HttpResponse<String> response = preflight(any, "/publish", OTHER, "POST");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(response, "Access-Control-Allow-Credentials")).isNull();

        try (SseTestClient stream = SseTestClient.connect(any.uri("/stream"), Map.of("Origin", APP))) {
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(stream.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
    }

    @Test
    void withoutOriginsThereIsNoCorsAndOptionsIsNotAllowed() {
        HttpResponse<String> response = preflight(none, "/publish", APP, "POST");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(header(response, "Access-Control-Allow-Origin")).isNull();
        assertThat(response.body()).startsWith("{\"status\":\"error\"");
    }
}
