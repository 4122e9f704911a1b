package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.ParsedEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Publisher tokens and private channels, which every HTTP adapter of Herald enforces the same way, over real HTTP: a
 * server with the memory broker whose tokens are checked with the HS256 secret {@link #SECRET} and whose private
 * channels are {@link #PRIVATE_CHANNELS}, with limits no test reaches. The core knows no JWT: each adapter's suite
 * signs the tokens (herald-auth's {@code TokenMinter}).
 */
public abstract class AccessContract {

    public static final String SECRET = "access-contract-secret-of-at-least-32-bytes";
    public static final String PRIVATE_CHANNELS = "private-*";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHALLENGE = "Bearer realm=\"herald\"";

    /** Where {@code stream} and {@code publish} are, e.g. {@code http://127.0.0.1:8080/events}, without a final slash. */
    protected abstract URI base();

    /** A token signed with {@link #SECRET}, granting these channel patterns and expiring after {@code ttl}. */
    protected abstract String token(List<String> publish, List<String> subscribe, Duration ttl);

    private String token(List<String> publish, List<String> subscribe) {
        return token(publish, subscribe, Duration.ofHours(1));
    }

    private URI stream(String query) {
        return URI.create(base() + "/stream" + query);
    }

    private URI publishUri() {
        return URI.create(base() + "/publish");
    }

    private static String privateChannel() {
        return "private-" + UUID.randomUUID();
    }

    private static String body(String channel, String data) {
        return "{\"channel\":\"" + channel + "\",\"type\":\"message\",\"data\":\"" + data + "\"}";
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("message").asText()).isEqualTo(message);
    }

    private String publishWithToken(String channel, String data) {
        HttpResponse<String> published = TestHttp.postJson(publishUri(), body(channel, data),
                "Authorization", "Bearer " + token(List.of(channel), List.of()));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        try {
            return JSON.readTree(published.body()).path("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPrivateStreamWithoutATokenIs401WithTheChallenge() {
        String channel = privateChannel();
        HttpResponse<String> refused = TestHttp.get(stream("?channel=news&channel=" + channel));
        assertError(refused, 401, "private channel " + channel
                + " needs a token: send the herald_token cookie or Authorization: Bearer <token>");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
    }

    @Test
    void aPublishWithoutATokenIs401WithTheChallenge() {
        HttpResponse<String> refused = TestHttp.post(publishUri(), body("news", "x"));
        assertError(refused, 401, "a token is required to publish: send Authorization: Bearer <token>, or the "
                + "herald_token cookie from the page");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE);
    }

    @Test
    void aTokenThatDoesNotVerifyIs401InvalidToken() {
        HttpResponse<String> stream = TestHttp.get(stream("?channel=" + privateChannel()), "Authorization", "Bearer nonsense");
        assertThat(stream.statusCode()).isEqualTo(401);
        assertThat(stream.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE + ", error=\"invalid_token\"");

        HttpResponse<String> publish = TestHttp.postJson(publishUri(), body("news", "x"), "Authorization", "Bearer nonsense");
        assertThat(publish.statusCode()).isEqualTo(401);
        assertThat(publish.headers().firstValue("WWW-Authenticate")).hasValue(CHALLENGE + ", error=\"invalid_token\"");
    }

    @Test
    void aTokenNotCoveringTheChannelIs403() {
        String channel = privateChannel();
        HttpResponse<String> stream = TestHttp.get(stream("?channel=" + channel),
                "Authorization", "Bearer " + token(List.of(), List.of("private-other")));
        assertError(stream, 403, "this token may not subscribe to " + channel);
        assertThat(stream.headers().firstValue("WWW-Authenticate")).isEmpty();

        HttpResponse<String> publish = TestHttp.postJson(publishUri(), body("elsewhere", "x"),
                "Authorization", "Bearer " + token(List.of("news"), List.of()));
        assertError(publish, 403, "this token may not publish on channel elsewhere");
    }

    @Test
    void aBatchWithOneChannelTheTokenDoesNotCoverIs403NamingTheItemAndPublishesNothing() {
        String channel = privateChannel();
        String token = "Bearer " + token(List.of(channel), List.of(channel));
        String before = Polls.poll(URI.create(base() + "/poll?channel=" + channel), "Authorization", token).next();

        HttpResponse<String> refused = TestHttp.postJson(URI.create(base() + "/publish/batch"),
                "[" + body(channel, "x") + "," + body("elsewhere", "y") + "]", "Authorization", token);
        assertError(refused, 403, "[1].this token may not publish on channel elsewhere");
        assertThat(Polls.poll(URI.create(base() + "/poll?channel=" + channel + "&since="
                + URLEncoder.encode(before, StandardCharsets.UTF_8)), "Authorization", token).events()).isEmpty();

        HttpResponse<String> published = TestHttp.postJson(URI.create(base() + "/publish/batch"),
                "[" + body(channel, "x") + "]", "Authorization", token);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }

    @Test
    void aPatternThatCouldMatchAPrivateChannelNeedsATokenAndOneThatCannotNeedsNone() {
        assertError(TestHttp.get(stream("?channel=*")), 401, "private channel * needs a token: send the herald_token "
                + "cookie or Authorization: Bearer <token>");
        assertError(TestHttp.get(stream("?channel=priv*")), 401, "private channel priv* needs a token: send the "
                + "herald_token cookie or Authorization: Bearer <token>");
        String publicPattern = "public-" + UUID.randomUUID() + ".*";
        try (SseTestClient open = SseTestClient.connect(stream("?channel=" + publicPattern))) {
            assertThat(open.status()).isEqualTo(200);
        }
    }

    @Test
    void aPrivatePatternNeedsATokenGrantingAPatternThatCoversIt() {
        String prefix = privateChannel() + ".";
        String narrow = token(List.of(), List.of(prefix + "eu.*"));
        assertError(TestHttp.get(stream("?channel=" + prefix + "*"), "Authorization", "Bearer " + narrow), 403,
                "this token may not subscribe to " + prefix + "*");

        String covering = token(List.of(), List.of(prefix + "*"));
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + prefix + "eu.*"),
                Map.of("Authorization", "Bearer " + covering))) {
            assertThat(client.status()).isEqualTo(200);
            client.nextRetry();
            publishWithToken(prefix + "us.1", "not matched");
            String id = publishWithToken(prefix + "eu.1", "matched");
            ParsedEvent event = client.next();
            assertThat(event.lastEventId()).isEqualTo(id);
            assertThat(event.data()).isEqualTo("matched");
        }
    }

    @Test
    void aGoodBearerTokenStreamsAPrivateChannel() {
        String channel = privateChannel();
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + channel),
                Map.of("Authorization", "Bearer " + token(List.of(), List.of(channel))))) {
            assertThat(client.status()).isEqualTo(200);
            client.nextRetry();
            String id = publishWithToken(channel, "for the bearer");
            ParsedEvent event = client.next();
            assertThat(event.data()).isEqualTo("for the bearer");
            assertThat(event.lastEventId()).isEqualTo(id);
        }
    }

    @Test
    void aGoodCookieStreamsAPrivateChannel() {
        String channel = privateChannel();
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + channel),
                Map.of("Cookie", "herald_token=" + token(List.of(), List.of("private-*"))))) {
            assertThat(client.status()).isEqualTo(200);
            client.nextRetry();
            publishWithToken(channel, "for the cookie");
            assertThat(client.next().data()).isEqualTo("for the cookie");
        }
    }

    @Test
    void aCookiePublishFromAnotherSiteIs403AndFromThePageIsAccepted() {
        String cookie = "herald_token=" + token(List.of("news"), List.of());
        HttpResponse<String> crossSite = TestHttp.postJson(publishUri(), body("news", "x"),
                "Cookie", cookie, "Origin", "https://elsewhere.example", "Sec-Fetch-Site", "cross-site");
        assertError(crossSite, 403, "cross-site publish refused");

        HttpResponse<String> samePage = TestHttp.postJson(publishUri(), body("news", "x"),
                "Cookie", cookie, "Origin", "http://" + base().getHost() + ":" + base().getPort(),
                "Sec-Fetch-Site", "same-origin");
        assertThat(samePage.statusCode()).as(samePage.body()).isEqualTo(200);
    }

    @Test
    void aPublicChannelNeedsNoToken() {
        try (SseTestClient client = SseTestClient.connect(stream("?channel=news"), Map.of("Authorization", "Bearer nonsense"))) {
            assertThat(client.status()).isEqualTo(200);
            client.nextRetry();
        }
    }

    @Test
    void whenTheTokenExpiresTheStreamGetsTokenExpiredAndEnds() {
        String channel = privateChannel();
        String shortLived = token(List.of(), List.of("private-*"), Duration.ofSeconds(2));
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + channel + "&channel=news"),
                Map.of("Cookie", "herald_token=" + shortLived))) {
            assertThat(client.status()).isEqualTo(200);
            ParsedEvent expired = client.next();
            assertThat(expired.type()).isEqualTo("token-expired");
            assertThat(expired.data()).isEqualTo("{\"channels\":[\"" + channel + "\"]}");
            await().atMost(SseTestClient.WAIT).until(() -> client.ended().isDone());
        }
    }

    @Test
    void aTokenExpiredInsideTheClockSkewIs401AtTheDoorOfAStreamAndOfAPoll() {
        String channel = privateChannel();
        String expired = token(List.of(), List.of("private-*"), Duration.ofSeconds(-20));
        String invalidToken = CHALLENGE + ", error=\"invalid_token\"";

        HttpResponse<String> stream = TestHttp.get(stream("?channel=" + channel), "Cookie", "herald_token=" + expired);
        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(401);
        assertThat(stream.headers().firstValue("WWW-Authenticate")).hasValue(invalidToken);
        assertThat(TestHttp.json(stream).path("message").asText()).startsWith("the token expired ");

        HttpResponse<String> poll = TestHttp.get(URI.create(base() + "/poll?wait=5&since=x&channel=" + channel),
                "Authorization", "Bearer " + expired);
        assertThat(poll.statusCode()).as(poll.body()).isEqualTo(401);
        assertThat(poll.headers().firstValue("WWW-Authenticate")).hasValue(invalidToken);
        assertThat(TestHttp.json(poll).path("message").asText()).startsWith("the token expired ");
    }

    @Test
    void twoTokenCookiesAreA400NamingTheCookieNotTheFirstReadAlone() {
        String channel = privateChannel();
        String fresh = token(List.of(), List.of("private-*"));
        String stale = token(List.of(), List.of("private-*"), Duration.ofSeconds(-120));
        HttpResponse<String> twice = TestHttp.get(stream("?channel=" + channel),
                "Cookie", "herald_token=" + stale + "; herald_token=" + fresh);
        assertError(twice, 400, "the herald_token cookie is given 2 times; give it once");

        HttpResponse<String> publish = TestHttp.postJson(publishUri(), body("news", "x"),
                "Cookie", "herald_token=" + stale + "; herald_token=" + fresh);
        assertError(publish, 400, "the herald_token cookie is given 2 times; give it once");
    }
}
