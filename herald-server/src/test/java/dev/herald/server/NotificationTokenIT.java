package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.AccessOptions;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a secret set, the server's POST /send_notification needs a token granting the channel, as the routes' POST
 * /publish does (herald-vertx's {@code PublisherTokenIT}): it stands behind the same gate.
 */
class NotificationTokenIT {

    private static final String NOTIFY = "{\"message\":\"hello\"}";
    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start(HeraldConfig.defaults().withAccess(AccessOptions.tokens(TestTokens.OPTIONS)));
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    private static HttpResponse<String> post(Map<String, String> headers) {
        return TestHttp.post(herald.uri("/send_notification"), "application/json", NOTIFY, headers);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallenge() {
        HttpResponse<String> response = post(Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\"");
        assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"a token is required to publish");
    }

    @Test
    void aBadTokenIs401WithInvalidToken() {
        for (String bad : List.of(TestTokens.forged(List.of("*")), "not.a.token", TestTokens.token(List.of("*"), List.of()) + "x")) {
            HttpResponse<String> response = post(bearer(bad));

            assertThat(response.statusCode()).as(bad).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\", error=\"invalid_token\"");
            assertThat(response.body()).contains("\"status\":\"error\"");
        }
    }

    @Test
    void aGoodTokenForAnotherChannelIs403NamingTheChannel() {
        HttpResponse<String> response = post(bearer(TestTokens.token(List.of("orders-*"), List.of("*"))));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"this token may not publish on channel sse\"}");
    }

    @Test
    void aGoodTokenPublishes() {
        try (SseTestClient client = SseTestClient.connect(herald.uri("/stream"))) {
            HttpResponse<String> response = post(bearer(TestTokens.token(List.of("sse"), List.of())));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(client.next()).isNotNull();
        }
    }

    @Test
    void theCookieIsTakenFromThePagesOwnOrigin() {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());
        String origin = "http://127.0.0.1:" + herald.uri("/").getPort();

        assertThat(post(Map.of("Cookie", cookie)).statusCode()).as("no Origin, no Sec-Fetch-Site").isEqualTo(200);
        assertThat(post(Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-origin")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCookieFromAnotherSiteIsRefused() {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());
        String origin = "http://127.0.0.1:" + herald.uri("/").getPort();

        for (Map<String, String> headers : List.of(
                Map.of("Cookie", cookie, "Origin", "https://evil.example"),
                Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site"),
                Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-site"))) {
            HttpResponse<String> response = post(headers);

            assertThat(response.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"cross-site publish refused\"}");
        }
    }
}
