package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.auth.TokenMinter;
import dev.herald.sse.ParsedEvent;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin's routes ({@code admin/channels}, {@code admin/disconnect}, {@code admin/revoke}), which every HTTP adapter
 * serves the same way, over real HTTP on one node: tokens checked with {@link TestTokens#SECRET}, channels matching
 * {@value #PRIVATE_CHANNELS} private. {@link #base()} is where the routes are mounted
 * ({@code http://127.0.0.1:<port>/events}).
 */
public abstract class AdminContract {

    /** The private channels the node under test must have. */
    public static final String PRIVATE_CHANNELS = "private-*";
    private static final String CHALLENGE = "Bearer realm=\"herald\"";

    /** The routes of the node under test. */
    protected abstract URI base();

    /** {@code path} below {@code base}. */
    public static URI at(URI base, String path) {
        return URI.create(base + path);
    }

    /** A reader's token of {@code subject}, with the id {@code tokenId}, granting every private channel. */
    public static String reader(String subject, String tokenId) {
        return new TokenMinter(TestTokens.OPTIONS).mint(List.of(), List.of("*"), false, Duration.ofHours(1),
                Instant.now(), subject, tokenId);
    }

    /** {@code Authorization} and its value, for an admin's request. */
    public static String[] admin() {
        return new String[] {"Authorization", "Bearer " + TestTokens.admin(Duration.ofMinutes(5))};
    }

    /** A stream on {@code channel} below {@code base} with {@code token}, open (200). */
    public static SseTestClient stream(URI base, String channel, String token) {
        SseTestClient client = SseTestClient.connect(at(base, "/stream?channel=" + channel),
                Map.of("Authorization", "Bearer " + token));
        assertThat(client.status()).isEqualTo(200);
        return client;
    }

    /** Waits until {@code base}'s node counts {@code streams} on {@code channel}. */
    public static void awaitStreams(URI base, String channel, int streams) {
        await().atMost(SseTestClient.WAIT).untilAsserted(() -> {
            JsonNode channels = TestHttp.json(TestHttp.get(at(base, "/admin/channels"), admin())).path("channels");
            int counted = 0;
            for (JsonNode one : channels) {
                if (one.path("channel").asText().equals(channel)) {
                    counted = one.path("streams").asInt();
                }
            }
            assertThat(counted).as("streams on " + channel).isEqualTo(streams);
        });
    }

    /** The stream's next events up to the one of {@code type}, which it returns; then the stream must end. */
    public static ParsedEvent lastEvent(SseTestClient client, String type) {
        ParsedEvent event = client.next();
        while (!event.type().equals(type)) {
            event = client.next();
        }
        client.ended().orTimeout(SseTestClient.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        return event;
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestHttp.json(response).path("status").asText()).isEqualTo("error");
        assertThat(TestHttp.json(response).path("message").asText()).contains(messagePart);
    }

    private static String channel() {
        return "private-" + UUID.randomUUID();
    }

    @Test
    void withoutATokenTheAdminRoutesAre401AndWithAnotherTokenThey403() {
        for (String path : List.of("/admin/channels", "/admin/disconnect", "/admin/revoke", "/admin/nothing")) {
            HttpResponse<String> refused = TestHttp.get(at(base(), path));
            assertError(refused, 401, "admin token");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValue(CHALLENGE);
            assertError(TestHttp.get(at(base(), path), "Authorization", "Bearer " + reader("alice", "t1")), 403,
                    "not an admin's");
        }
    }

    @Test
    void channelsListsThisNodesChannelsWithTheirStreamsMostFirst() {
        String busy = channel();
        String quiet = channel();
        String token = reader("carol", UUID.randomUUID().toString());
        try (SseTestClient a = stream(base(), busy, token); SseTestClient b = stream(base(), busy, token);
             SseTestClient c = stream(base(), quiet, token)) {
            awaitStreams(base(), busy, 2);
            awaitStreams(base(), quiet, 1);
            JsonNode answer = TestHttp.json(TestHttp.get(at(base(), "/admin/channels"), admin()));
            List<String> names = answer.path("channels").findValuesAsText("channel");
            assertThat(names.indexOf(busy)).isLessThan(names.indexOf(quiet));
            assertThat(names).noneMatch(name -> name.startsWith("$"));
            assertThat(List.of(a, b, c)).noneMatch(open -> open.ended().isDone());
        }
    }

    @Test
    void disconnectEndsEveryStreamOfTheSubjectWithADisconnectedEventAndALongRetry() {
        String channel = channel();
        String subject = "dave-" + UUID.randomUUID();
        try (SseTestClient first = stream(base(), channel, reader(subject, UUID.randomUUID().toString()));
             SseTestClient second = stream(base(), channel, reader(subject, UUID.randomUUID().toString()));
             SseTestClient other = stream(base(), channel, reader("erin", UUID.randomUUID().toString()))) {
            awaitStreams(base(), channel, 3);
            HttpResponse<String> answer = TestHttp.postJson(at(base(), "/admin/disconnect"),
                    "{\"subject\":\"" + subject + "\"}", admin());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(TestHttp.json(answer).path("ended").asInt()).isEqualTo(2);
            for (SseTestClient ended : List.of(first, second)) {
                assertThat(lastEvent(ended, "disconnected").data()).contains("admin");
                long retry = ended.nextRetry();
                while (retry != 60_000) {
                    retry = ended.nextRetry();
                }
            }
            awaitStreams(base(), channel, 1);
            assertThat(other.ended()).isNotDone();
        }
    }

    @Test
    void aRevokedTokenIsRefusedAndItsStreamsEndWithTokenExpired() {
        String channel = channel();
        String tokenId = UUID.randomUUID().toString();
        String revoked = reader("frank", tokenId);
        String kept = reader("frank", UUID.randomUUID().toString());
        try (SseTestClient open = stream(base(), channel, revoked); SseTestClient stays = stream(base(), channel, kept)) {
            awaitStreams(base(), channel, 2);
            long exp = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
            HttpResponse<String> answer = TestHttp.postJson(at(base(), "/admin/revoke"),
                    "{\"jti\":\"" + tokenId + "\",\"exp\":" + exp + "}", admin());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(TestHttp.json(answer).path("ended").asInt()).isEqualTo(1);
            assertThat(TestHttp.json(answer).path("exp").asLong()).isEqualTo(exp);
            assertThat(lastEvent(open, "token-expired").data()).contains(channel);
            assertThat(stays.ended()).isNotDone();
        }
        HttpResponse<String> refused = TestHttp.get(at(base(), "/stream?channel=" + channel),
                "Authorization", "Bearer " + revoked);
        assertError(refused, 401, "the token was revoked");
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertError(TestHttp.postJson(at(base(), "/admin/unplug"), "{}", admin()), 400, "unknown admin action \"unplug\"");
        assertError(TestHttp.postJson(at(base(), "/admin/disconnect"), "{}", admin()), 400, "subject");
        assertError(TestHttp.postJson(at(base(), "/admin/disconnect"), "{\"subject\":7}", admin()), 400, "subject");
        assertError(TestHttp.postJson(at(base(), "/admin/revoke"), "{\"exp\":1}", admin()), 400, "jti");
        assertError(TestHttp.postJson(at(base(), "/admin/revoke"), "{\"jti\":\"x\",\"exp\":1}", admin()), 400, "exp");
        assertError(TestHttp.postJson(at(base(), "/admin/revoke"), "{\"jti\":\"x\",\"exp\":\"soon\"}", admin()), 400,
                "exp");
        assertError(TestHttp.postJson(at(base(), "/admin/revoke"), "not json", admin()), 400, "JSON");
        assertError(TestHttp.post(at(base(), "/admin/revoke"), "text/plain", "{}", Map.of(admin()[0], admin()[1])),
                415, "");
        HttpResponse<String> wrongMethod = TestHttp.get(at(base(), "/admin/disconnect"), admin());
        assertError(wrongMethod, 405, "");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }
}
