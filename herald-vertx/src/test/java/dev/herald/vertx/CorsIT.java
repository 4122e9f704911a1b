package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vert.x routes' CORS as a browser meets it: preflights, the allowed origin on answers, and nothing for other
 * origins. The server's own POST /send_notification, behind the same policy, is herald-server's {@code CorsIT}.
 */
class CorsIT {

    private static final String APP = "https://app.example.com";
    private static final String OTHER = "https://evil.example.com";

    private static MountedHerald listed;
    private static MountedHerald any;
    private static MountedHerald none;

    @BeforeAll
    static void start() throws Exception {
        listed = MountedHerald.start(Herald.builder().cors(new CorsOptions(List.of(APP, "http://localhost:3000"))));
        any = MountedHerald.start(Herald.builder().cors(new CorsOptions(List.of("*"))));
        none = MountedHerald.start(Herald.builder());
    }

    @AfterAll
    static void stop() {
        listed.close();
        any.close();
        none.close();
    }

    private static HttpResponse<String> preflight(MountedHerald server, String path, String origin, String method) {
        return TestHttp.request("OPTIONS", server.events(path), "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "content-type,last-event-id");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/stream", "/poll"})
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
        HttpResponse<String> published = TestHttp.postJson(listed.events("/publish"), "{\"data\":\"x\"}", "Origin", APP);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(header(published, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(published, "Access-Control-Expose-Headers")).isEqualTo("Retry-After");

        HttpResponse<String> refused = TestHttp.postJson(listed.events("/publish"), "{}", "Origin", APP);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(header(refused, "Access-Control-Allow-Origin")).as("the page may read why").isEqualTo(APP);

        try (SseTestClient stream = SseTestClient.connect(listed.events("/stream"), Map.of("Origin", "http://localhost:3000"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
            assertThat(stream.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        }
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        HttpResponse<String> preflight = preflight(listed, "/publish", OTHER, "POST");
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.statusCode()).isEqualTo(405);

        try (SseTestClient stream = SseTestClient.connect(listed.events("/stream"), Map.of("Origin", OTHER))) {
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

        try (SseTestClient stream = SseTestClient.connect(any.events("/stream"), Map.of("Origin", APP))) {
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
