package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.TestHttp;
import dev.herald.vertx.CorsOptions;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS on the server's own POST /send_notification, which shares the routes' policy: its preflight, the allowed origin
 * on its refusals, and the page's own POST served without CORS headers. The routes' CORS (/stream, /poll, /publish) is
 * herald-vertx's {@code CorsIT}.
 */
class CorsIT {

    private static final String APP = "https://app.example.com";

    private static RunningServer listed;

    @BeforeAll
    static void start() {
        listed = RunningServer.start(HeraldConfig.defaults().withCors(new CorsOptions(List.of(APP, "http://localhost:3000"))));
    }

    @AfterAll
    static void stop() {
        listed.close();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void aPreflightFromAListedOriginIsAnswered204WithTheMethodsAndHeaders() {
        HttpResponse<String> response = TestHttp.request("OPTIONS", listed.uri("/send_notification"), "Origin", APP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,last-event-id");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(response, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(response, "Access-Control-Allow-Methods")).isEqualTo("POST,GET");
        assertThat(header(response, "Access-Control-Allow-Headers")).isEqualTo("Content-Type,Authorization,Last-Event-ID");
        assertThat(header(response, "Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void refusalsToAListedOriginCarryItsOrigin() {
        HttpResponse<String> refused = TestHttp.postJson(listed.uri("/send_notification"), "{}", "Origin", APP);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(header(refused, "Access-Control-Allow-Origin")).as("the page may read why").isEqualTo(APP);
    }

    @Test
    void aSamePagePostIsServedWithoutCorsHeaders() {
        HttpResponse<String> published = TestHttp.postJson(listed.uri("/send_notification"), "{\"message\":\"hi\"}",
                "Origin", "http://127.0.0.1:" + listed.uri("/").getPort());
        assertThat(published.statusCode()).as("the page's own POST carries its Origin").isEqualTo(200);
        assertThat(header(published, "Access-Control-Allow-Origin")).isNull();
    }
}
