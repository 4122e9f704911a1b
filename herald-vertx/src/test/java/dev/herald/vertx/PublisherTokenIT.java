package dev.herald.vertx;

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
 * With a secret set, the Vert.x routes' POST /publish needs a token granting the channel; streams of public channels
 * need none. The server's POST /send_notification, behind the same gate, is herald-server's {@code NotificationTokenIT}.
 */
class PublisherTokenIT {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder().access(AccessOptions.tokens(TestTokens.OPTIONS)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> post(Map<String, String> headers) {
        return TestHttp.post(app.events("/publish"), "application/json", "{\"channel\":\"sse\",\"data\":\"x\"}", headers);
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
        try (SseTestClient client = SseTestClient.connect(app.events("/stream"))) {
            HttpResponse<String> response = post(bearer(TestTokens.token(List.of("sse"), List.of())));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(client.next()).isNotNull();
        }
    }

    @Test
    void theChannelInTheBodyIsTheOneChecked() {
        String token = TestTokens.token(List.of("orders-*"), List.of());

        assertThat(TestHttp.post(app.events("/publish"), "application/json", "{\"channel\":\"orders-eu\",\"data\":1}",
                bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> other = TestHttp.post(app.events("/publish"), "application/json",
                "{\"channel\":\"payments\",\"data\":1}", bearer(token));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("channel payments");
    }

    @Test
    void theCookieIsTakenFromThePagesOwnOrigin() {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());
        String origin = "http://127.0.0.1:" + app.events().getPort();

        assertThat(post(Map.of("Cookie", cookie)).statusCode()).as("no Origin, no Sec-Fetch-Site").isEqualTo(200);
        assertThat(post(Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-origin")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCookieFromAnotherSiteIsRefused() {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());
        String origin = "http://127.0.0.1:" + app.events().getPort();

        for (Map<String, String> headers : List.of(
                Map.of("Cookie", cookie, "Origin", "https://evil.example"),
                Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site"),
                Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-site"))) {
            HttpResponse<String> response = post(headers);

            assertThat(response.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"cross-site publish refused\"}");
        }
    }

    @Test
    void aBearerTokenNeedsNoOriginCheck() {
        HttpResponse<String> response = post(Map.of("Authorization", "Bearer " + TestTokens.token(List.of("*"), List.of()),
                "Origin", "https://other.example", "Sec-Fetch-Site", "cross-site"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void streamsOfPublicChannelsNeedNoToken() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=news"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.nextRetry()).isEqualTo(3000);
        }
    }
}
