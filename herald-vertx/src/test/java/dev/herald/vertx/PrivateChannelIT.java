package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On the Vert.x routes, a stream naming a private channel needs a token granting it, and ends when that token expires. */
class PrivateChannelIT {

    private static final AccessOptions ACCESS = AccessOptions.tokens(TestTokens.OPTIONS)
            .withPrivateChannels(ChannelPatterns.parse("private-*,user-42"));
    private static MountedHerald app;
    private static MountedHerald withQueryTokens;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder().access(ACCESS));
        withQueryTokens = MountedHerald.start(Herald.builder().access(ACCESS.withQueryToken(true)));
    }

    @AfterAll
    static void stop() {
        app.close();
        withQueryTokens.close();
    }

    private static String subscriber(String... patterns) {
        return TestTokens.token(List.of(), List.of(patterns));
    }

    @Test
    void withoutATokenAPrivateChannelIs401() {
        HttpResponse<String> response = TestHttp.get(app.events("/stream?channel=news&channel=private-a"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"private channel private-a needs a token: "
                + "send the herald_token cookie or Authorization: Bearer <token>\"}");
    }

    @Test
    void aBadTokenIs401WithInvalidToken() {
        HttpResponse<String> response = TestHttp.get(app.events("/stream?channel=private-a"),
                "Cookie", "herald_token=" + TestTokens.forged(List.of()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\", error=\"invalid_token\"");
    }

    @Test
    void aTokenNotCoveringEveryPrivateChannelIs403NamingThem() {
        HttpResponse<String> response = TestHttp.get(app.events("/stream?channel=private-a&channel=private-b&channel=user-42&channel=news"),
                "Authorization", "Bearer " + subscriber("private-a"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"this token may not subscribe to private-b, user-42\"}");
    }

    @Test
    void aGoodTokenOpensTheStreamByCookieOrByAuthorization() {
        for (Map<String, String> headers : List.of(
                Map.of("Cookie", "herald_token=" + subscriber("private-*")),
                Map.of("Authorization", "Bearer " + subscriber("private-a", "news")))) {
            try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=private-a&channel=news"), headers)) {
                assertThat(client.status()).as(headers.keySet().toString()).isEqualTo(200);
                client.nextRetry();
                TestHttp.post(app.events("/publish"), "application/json", "{\"channel\":\"private-a\",\"data\":\"secret\"}",
                        Map.of("Authorization", "Bearer " + TestTokens.token(List.of("private-a"), List.of())));
                assertThat(client.next().data()).isEqualTo("secret");
            }
        }
    }

    @Test
    void aQueryTokenCountsOnlyWhereAllowed() {
        String query = "/stream?channel=private-a&access_token=" + subscriber("private-a");

        assertThat(TestHttp.get(app.events(query)).statusCode()).isEqualTo(401);
        try (SseTestClient client = SseTestClient.connect(withQueryTokens.events(query))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.nextRetry()).isEqualTo(3000);
        }
    }

    @Test
    void publicChannelsNeedNoTokenAndABadOneIsIgnoredThere() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=news"),
                Map.of("Authorization", "Bearer nonsense"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.nextRetry()).isEqualTo(3000);
        }
    }

    @Test
    void whenTheTokenExpiresTheStreamGetsTokenExpiredAndEnds() {
        String shortLived = TestTokens.token(List.of(), List.of("private-*"), Duration.ofSeconds(2));
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=private-x&channel=news&channel=private-a"),
                Map.of("Cookie", "herald_token=" + shortLived))) {
            assertThat(client.status()).isEqualTo(200);

            ParsedEvent expired = client.next();

            assertThat(expired.type()).isEqualTo("token-expired");
            assertThat(expired.data()).isEqualTo("{\"channels\":[\"private-a\",\"private-x\"]}");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.ended().isDone());
            assertThat(app.stats().streamsOpen()).isZero();
        }
    }
}
