package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenMinter;
import dev.herald.hub.HubOptions;
import dev.herald.presence.PresenceOptions;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Presence across Herald nodes on one real Redis, in both modes: the counts of every node on any node, join and leave
 * from a stream on another node, and a node killed (SIGKILL, so that it tells nobody) forgotten within the ttl.
 */
class PresenceScaleOutIT {

    private static final Path JAR = Path.of("target", "herald.jar");
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final String ROOMS = "room-*";

    @RegisterExtension
    final NodesOnRedis redis = new NodesOnRedis();

    private RunningServer node(RedisMode mode) {
        return redis.node(mode, config -> config.withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3)))
                .withAccess(AccessOptions.tokens(TestTokens.OPTIONS))
                .withPresence(new PresenceOptions(ChannelPatterns.parse(ROOMS), TTL)));
    }

    private static Map<String, String> as(String subject) {
        return Map.of("Authorization", "Bearer " + new TokenMinter(TestTokens.OPTIONS)
                .mint(subject, List.of(), List.of(), false, Duration.ofHours(1), Instant.now()));
    }

    private static JsonNode presence(URI uri) {
        return TestHttp.json(TestHttp.get(uri));
    }

    /** A stream as {@code subject}, or without a token when null (the watchers: no join of their own to skip). */
    private static SseTestClient open(URI stream, String subject) {
        SseTestClient client = SseTestClient.connect(stream, subject == null ? Map.of() : as(subject));
        assertThat(client.status()).isEqualTo(200);
        client.nextRetry();
        return client;
    }

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void everyNodeCountsEveryNodesStreamsAndAnnouncesAJoinAndALeaveFromAnother(RedisMode mode) {
        String channel = "room-" + UUID.randomUUID();
        try (RunningServer a = node(mode); RunningServer b = node(mode);
             SseTestClient watcher = open(b.uri("/stream?channel=" + channel), null)) {
            URI onA = a.uri("/presence?channel=" + channel);
            await().atMost(SseTestClient.WAIT).until(() -> presence(onA).path("streams").asInt() == 1);

            SseTestClient alice = open(a.uri("/stream?channel=" + channel), "alice");
            ParsedEvent join = watcher.next();
            assertThat(join.type()).isEqualTo("join");
            assertThat(join.data()).isEqualTo("{\"subject\":\"alice\",\"streams\":1}");
            URI onB = b.uri("/presence?channel=" + channel);
            await().atMost(SseTestClient.WAIT).until(() -> presence(onB).toString().equals("{\"channel\":\"" + channel
                    + "\",\"streams\":2,\"subjects\":[\"alice\"]}"));

            alice.close();
            ParsedEvent leave = watcher.next();
            assertThat(leave.type()).isEqualTo("leave");
            assertThat(leave.data()).isEqualTo("{\"subject\":\"alice\",\"streams\":0}");
            assertThat(presence(onA).path("streams").asInt()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void aKilledNodesStreamsLeaveTheOtherNodesCountsWithinTheTtl(RedisMode mode) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        String channel = "room-" + UUID.randomUUID();
        Process doomed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--port", "0", "--redis", redis.url(), "--redis-mode", mode.flag(),
                "--jwt-secret", TestTokens.SECRET, "--presence-channels", ROOMS, "--presence-ttl", TTL.toSeconds() + "s",
                "--drain-time", "0s").redirectErrorStream(true).start();
        try (RunningServer b = node(mode);
             SseTestClient watcher = open(b.uri("/stream?channel=" + channel), null)) {
            URI base = ListeningLine.awaitListening(doomed);
            URI onB = b.uri("/presence?channel=" + channel);
            await().atMost(SseTestClient.WAIT).until(() -> presence(onB).path("streams").asInt() == 1);
            SseTestClient bob = open(base.resolve("stream?channel=" + channel), "bob");
            assertThat(watcher.next().data()).isEqualTo("{\"subject\":\"bob\",\"streams\":1}");
            await().atMost(SseTestClient.WAIT).until(() -> presence(onB).path("streams").asInt() == 2);

            long killed = System.nanoTime();
            doomed.destroyForcibly();
            assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            bob.close();
            await().atMost(TTL.plusSeconds(2)).until(() -> presence(onB).path("streams").asInt() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("forgotten by its silence, not sooner")
                    .isGreaterThanOrEqualTo(TTL.minus(TTL.dividedBy(3)));
            ParsedEvent leave = watcher.next();
            assertThat(leave.type()).isEqualTo("leave");
            assertThat(leave.data()).isEqualTo("{\"subject\":\"bob\",\"streams\":0}");
        } finally {
            doomed.destroyForcibly();
        }
    }

}
