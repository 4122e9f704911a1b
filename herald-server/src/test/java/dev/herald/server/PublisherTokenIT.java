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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a secret set, POST /publish and POST /send_notification need a token granting the channel. */
class PublisherTokenIT {

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

    private static String bodyFor(String path) {
        return path.equals("/publish") ? "{\"channel\":\"sse\",\"data\":\"x\"}" : NOTIFY;
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers) {
        return TestHttp.post(herald.uri(path), "application/json", bodyFor(path), headers);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/send_notification"})
    void withoutATokenTheAnswerIs401WithABearerChallenge(String path) {
        HttpResponse<String> response = post(path, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\"");
        assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"a token is required to publish");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/send_notification"})
    void aBadTokenIs401WithInvalidToken(String path) {
        for (String bad : List.of(TestTokens.forged(List.of("*")), "not.a.token", TestTokens.token(List.of("*"), List.of()) + "x")) {
            HttpResponse<String> response = post(path, bearer(bad));

            assertThat(response.statusCode()).as(bad).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\", error=\"invalid_token\"");
            assertThat(response.body()).contains("\"status\":\"error\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/send_notification"})
    void aGoodTokenForAnotherChannelIs403NamingTheChannel(String path) {
        HttpResponse<String> response = post(path, bearer(TestTokens.token(List.of("orders-*"), List.of("*"))));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"this token may not publish on channel sse\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/send_notification"})
    void aGoodTokenPublishes(String path) {
        try (SseTestClient client = SseTestClient.connect(herald.uri("/stream"))) {
            HttpResponse<String> response = post(path, bearer(TestTokens.token(List.of("sse"), List.of())));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(client.next()).isNotNull();
        }
    }

    @Test
    void theChannelInTheBodyIsTheOneChecked() {
        String token = TestTokens.token(List.of("orders-*"), List.of());

        assertThat(TestHttp.post(herald.uri("/publish"), "application/json", "{\"channel\":\"orders-eu\",\"data\":1}",
                bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> other = TestHttp.post(herald.uri("/publish"), "application/json",
                "{\"channel\":\"payments\",\"data\":1}", bearer(token));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("channel payments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/send_notification"})
    void theCookieIsTakenFromThePagesOwnOrigin(String path) {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());
        String origin = "http://127.0.0.1:" + herald.uri("/").getPort();

        assertThat(post(path, Map.of("Cookie", cookie)).statusCode()).as("no Origin, no Sec-Fetch-Site").isEqualTo(200);
        assertThat(post(path, Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-origin")).statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/publish", "/send_notification"})
    void theCookieFromAnotherSiteIsRefused(String path) {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());
        String origin = "http://127.0.0.1:" + herald.uri("/").getPort();

        for (Map<String, String> headers : List.of(
                Map.of("Cookie", cookie, "Origin", "https://evil.example"),
                Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site"),
                Map.of("Cookie", cookie, "Origin", origin, "Sec-Fetch-Site", "same-site"))) {
            HttpResponse<String> response = post(path, headers);

            assertThat(response.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"cross-site publish refused\"}");
        }
    }

    @Test
    void aBearerTokenNeedsNoOriginCheck() {
        HttpResponse<String> response = post("/publish", Map.of("Authorization", "Bearer " + TestTokens.token(List.of("*"), List.of()),
                "Origin", "https://other.example", "Sec-Fetch-Site", "cross-site"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void streamsOfPublicChannelsNeedNoToken() {
        try (SseTestClient client = SseTestClient.connect(herald.uri("/stream?channel=news"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.nextRetry()).isEqualTo(3000);
        }
    }
}
