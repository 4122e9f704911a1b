package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With a key set, every publish endpoint needs a token granting the channel, behind the one publisher gate: the routes'
 * {@code POST /publish} and the server's {@code POST /send_notification} each extend it with a running server whose
 * keys are {@link TestTokens#OPTIONS}, and a body that publishes on channel {@code sse}.
 */
public abstract class PublisherTokenContract {

    /** Where to post. */
    protected abstract URI publishUri();

    /** A JSON body that publishes on channel {@code sse}. */
    protected abstract String body();

    /** A stream of channel {@code sse} on the same server. */
    protected abstract URI streamUri();

    protected HttpResponse<String> post(Map<String, String> headers) {
        return TestHttp.post(publishUri(), "application/json", body(), headers);
    }

    protected static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private String pageOrigin() {
        return "http://127.0.0.1:" + publishUri().getPort();
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
        try (SseTestClient client = SseTestClient.connect(streamUri())) {
            HttpResponse<String> response = post(bearer(TestTokens.token(List.of("sse"), List.of())));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(client.next()).isNotNull();
        }
    }

    @Test
    void theCookieIsTakenFromThePagesOwnOrigin() {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());

        assertThat(post(Map.of("Cookie", cookie)).statusCode()).as("no Origin, no Sec-Fetch-Site").isEqualTo(200);
        assertThat(post(Map.of("Cookie", cookie, "Origin", pageOrigin(), "Sec-Fetch-Site", "same-origin")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCookieFromAnotherSiteIsRefused() {
        String cookie = "herald_token=" + TestTokens.token(List.of("sse"), List.of());

        for (Map<String, String> headers : List.of(
                Map.of("Cookie", cookie, "Origin", "https://evil.example"),
                Map.of("Cookie", cookie, "Sec-Fetch-Site", "cross-site"),
                Map.of("Cookie", cookie, "Origin", pageOrigin(), "Sec-Fetch-Site", "same-site"))) {
            HttpResponse<String> response = post(headers);

            assertThat(response.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"cross-site publish refused\"}");
        }
    }
}
