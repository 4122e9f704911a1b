package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With a key set, every publish endpoint needs a token granting the channel, behind the one publisher gate: the routes'
 * {@code POST /publish} and the server's {@code POST /send_notification} each extend it with a running server whose
 * keys are {@link TestTokens#OPTIONS}, a publish rate per address of {@link #ADDRESS_PUBLISH_RATE} and the default
 * rate per token subject, and a body that publishes on channel {@code sse}.
 */
public abstract class PublisherTokenContract {

    /** The server's {@code publish-rate}: what a publisher without a valid token may make a second from one address. */
    public static final int ADDRESS_PUBLISH_RATE = 10;

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

    /**
     * 30 times the address's rate, as fast as one connection goes: counted by the token's subject (5,000 a second by
     * default), never refused, where a publisher without a token would be after its burst of 20.
     */
    @Test
    void aTokenPublisherIsLimitedByItsSubjectNotItsAddress() {
        Map<String, String> headers = bearer(TestTokens.token(List.of("sse"), List.of()));
        for (int n = 0; n < 30 * ADDRESS_PUBLISH_RATE; n++) {
            HttpResponse<String> response = post(headers);
            assertThat(response.statusCode()).as("publish %d: %s", n, response.body()).isEqualTo(200);
        }
    }

    /** A bad token counts against its address: from one of its own, the address's burst passes (as 401s), then 429. */
    @Test
    void aBadTokenCountsAgainstItsAddress() throws IOException {
        byte[] body = body().getBytes(StandardCharsets.UTF_8);
        String request = "POST " + publishUri().getRawPath() + " HTTP/1.1\r\nHost: " + publishUri().getHost()
                + "\r\nContent-Type: application/json\r\nAuthorization: Bearer not.a.token\r\nConnection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n" + body();
        int unauthorized = 0;
        String head = "";
        for (int n = 0; n < 10 * ADDRESS_PUBLISH_RATE && !head.startsWith("HTTP/1.1 429"); n++) {
            try (RawSocket socket = RawSocket.connect(publishUri(), "127.0.0.6").send(request)) {
                head = socket.readHead();
            }
            if (head.startsWith("HTTP/1.1 401")) {
                unauthorized++;
            }
        }
        assertThat(head).startsWith("HTTP/1.1 429");
        assertThat(unauthorized).as("the burst, answered 401").isGreaterThanOrEqualTo(2 * ADDRESS_PUBLISH_RATE);
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
