package dev.herald.server;

import static dev.herald.testing.AdminContract.admin;
import static dev.herald.testing.AdminContract.at;
import static dev.herald.testing.AdminContract.awaitStreams;
import static dev.herald.testing.AdminContract.lastEvent;
import static dev.herald.testing.AdminContract.reader;
import static dev.herald.testing.AdminContract.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.testing.AdminContract;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin's disconnect and revocation across two nodes on one real Redis, in both modes: an action sent to node A
 * ends the streams on node B too, and a revoked token is refused by node B.
 */
class AdminScaleOutIT {

    @RegisterExtension
    final NodesOnRedis redis = new NodesOnRedis();

    private RunningServer node(RedisMode mode) {
        return redis.node(mode, 100, config -> config.withAccess(AccessOptions.tokens(TestTokens.OPTIONS)
                .withPrivateChannels(ChannelPatterns.parse(AdminContract.PRIVATE_CHANNELS))));
    }

    private static URI base(RunningServer server) {
        String root = server.uri("/").toString();
        return URI.create(root.substring(0, root.length() - 1));
    }

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void disconnectOnOneNodeEndsTheSubjectsStreamsOnEveryNode(RedisMode mode) {
        try (RunningServer a = node(mode); RunningServer b = node(mode)) {
            String channel = "private-" + UUID.randomUUID();
            String subject = "grace-" + UUID.randomUUID();
            try (SseTestClient onA = stream(base(a), channel, reader(subject, UUID.randomUUID().toString()));
                 SseTestClient onB = stream(base(b), channel, reader(subject, UUID.randomUUID().toString()))) {
                awaitStreams(base(a), channel, 1);
                awaitStreams(base(b), channel, 1);
                HttpResponse<String> answer = TestHttp.postJson(at(base(a), "/admin/disconnect"),
                        "{\"subject\":\"" + subject + "\"}", admin());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(TestHttp.json(answer).path("ended").asInt()).isEqualTo(1);
                assertThat(TestHttp.json(answer).path("otherNodes").asText()).contains("on receipt");
                lastEvent(onA, "disconnected");
                lastEvent(onB, "disconnected");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void revokeOnOneNodeEndsTheTokensStreamsOnEveryNodeAndEveryNodeRefusesIt(RedisMode mode) {
        try (RunningServer a = node(mode); RunningServer b = node(mode)) {
            String channel = "private-" + UUID.randomUUID();
            String tokenId = UUID.randomUUID().toString();
            String revoked = reader("heidi", tokenId);
            try (SseTestClient onA = stream(base(a), channel, revoked);
                 SseTestClient onB = stream(base(b), channel, revoked)) {
                awaitStreams(base(a), channel, 1);
                awaitStreams(base(b), channel, 1);
                long exp = Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond();
                HttpResponse<String> answer = TestHttp.postJson(at(base(a), "/admin/revoke"),
                        "{\"jti\":\"" + tokenId + "\",\"exp\":" + exp + "}", admin());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                lastEvent(onA, "token-expired");
                lastEvent(onB, "token-expired");
            }
            await().atMost(SseTestClient.WAIT).untilAsserted(() -> {
                HttpResponse<String> refused = TestHttp.get(at(base(b), "/stream?channel=" + channel),
                        "Authorization", "Bearer " + revoked);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(TestHttp.json(refused).path("message").asText()).isEqualTo("the token was revoked");
            });
        }
    }

    @org.junit.jupiter.api.Test
    void inStreamsModeANodeStartedAfterARevocationRefusesTheTokenToo() {
        String tokenId = UUID.randomUUID().toString();
        String revoked = reader("ken", tokenId);
        try (RunningServer a = node(RedisMode.STREAMS)) {
            long exp = Instant.now().plus(Duration.ofMinutes(30)).getEpochSecond();
            HttpResponse<String> answer = TestHttp.postJson(at(base(a), "/admin/revoke"),
                    "{\"jti\":\"" + tokenId + "\",\"exp\":" + exp + "}", admin());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        try (RunningServer later = node(RedisMode.STREAMS)) {
            await().atMost(SseTestClient.WAIT).untilAsserted(() -> {
                HttpResponse<String> refused = TestHttp.get(at(base(later), "/stream?channel=private-k"),
                        "Authorization", "Bearer " + revoked);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(TestHttp.json(refused).path("message").asText()).isEqualTo("the token was revoked");
            });
        }
    }
}
