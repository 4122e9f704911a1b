package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.sse.ParsedEvent;
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
 * Presence as every HTTP adapter serves it, over real HTTP: {@code GET presence?channel=} (streams and token subjects,
 * the channel's stream rule, 400 naming {@code channel}, 405), and {@code event: join} / {@code event: leave} on the
 * channels of {@link #PRESENCE_CHANNELS} (no id; a reconnect within the grace announces neither). The server runs the
 * memory broker, checks tokens with {@link #SECRET}, and has {@link #PRIVATE_CHANNELS} private and
 * {@link #PRESENCE_CHANNELS} announcing.
 */
public abstract class PresenceContract {

    public static final String SECRET = "presence-contract-secret-of-at-least-32-bytes";
    public static final String PRIVATE_CHANNELS = "private-*";
    public static final String PRESENCE_CHANNELS = "room-*,private-room-*";
    /** Longer than the leave's grace (5 s). */
    private static final Duration AFTER_GRACE = Duration.ofSeconds(9);

    /** Where {@code stream}, {@code presence} and {@code publish} are, without a final slash. */
    protected abstract URI base();

    /** A token signed with {@link #SECRET} for an hour, whose {@code sub} is {@code subject} (none when null). */
    protected abstract String token(String subject, List<String> publish, List<String> subscribe);

    private URI stream(String channel) {
        return URI.create(base() + "/stream?channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8));
    }

    private URI presenceUri(String query) {
        return URI.create(base() + "/presence" + query);
    }

    private JsonNode presence(String channel, String... headers) {
        HttpResponse<String> answer = TestHttp.get(presenceUri("?channel="
                + URLEncoder.encode(channel, StandardCharsets.UTF_8)), headers);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return TestHttp.json(answer);
    }

    private SseTestClient open(String channel, String subject) {
        Map<String, String> headers = subject == null ? Map.of()
                : Map.of("Authorization", "Bearer " + token(subject, List.of(), List.of("private-*")));
        SseTestClient client = SseTestClient.connect(stream(channel), headers);
        assertThat(client.status()).isEqualTo(200);
        client.nextRetry();
        return client;
    }

    /** Opens a stream and returns once it is live: a marker published after it opened has reached it. */
    private SseTestClient openLive(String channel, String subject) {
        SseTestClient client = open(channel, subject);
        HttpResponse<String> published = TestHttp.postJson(URI.create(base() + "/publish"),
                "{\"channel\":\"" + channel + "\",\"type\":\"marker\",\"data\":\"live\"}",
                "Authorization", "Bearer " + token(null, List.of(channel), List.of()));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        // Its own join may come first, or not: it is decided as the stream joins, racing with the stream going live.
        ParsedEvent event = client.next();
        if (!event.type().equals("marker")) {
            assertThat(event.type()).isEqualTo("join");
            assertThat(client.next().type()).isEqualTo("marker");
        }
        return client;
    }

    private static String channel(String prefix) {
        return prefix + UUID.randomUUID();
    }

    @Test
    void presenceCountsTheStreamsOfAChannelAndForgetsThoseThatClose() {
        String channel = channel("lobby-");
        assertThat(presence(channel).toString())
                .isEqualTo("{\"channel\":\"" + channel + "\",\"streams\":0,\"subjects\":[]}");
        SseTestClient first = open(channel, null);
        try (SseTestClient second = open(channel, null)) {
            assertThat(second.status()).isEqualTo(200);
            await().atMost(SseTestClient.WAIT).until(() -> presence(channel).path("streams").asInt() == 2);
            assertThat(presence(channel).path("subjects")).isEmpty();
            first.close();
            await().atMost(SseTestClient.WAIT).until(() -> presence(channel).path("streams").asInt() == 1);
        }
        await().atMost(SseTestClient.WAIT).until(() -> presence(channel).path("streams").asInt() == 0);
    }

    @Test
    void aPrivateChannelsPresenceIsReadWithATokenThatMayReadItAndNamesTheSubjects() {
        String channel = channel("private-");
        HttpResponse<String> refused = TestHttp.get(presenceUri("?channel=" + channel));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(refused).path("message").asText()).isEqualTo("private channel " + channel
                + " needs a token: send the herald_token cookie or Authorization: Bearer <token>");
        HttpResponse<String> forbidden = TestHttp.get(presenceUri("?channel=" + channel),
                "Authorization", "Bearer " + token("eve", List.of(), List.of("private-other")));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(TestHttp.json(forbidden).path("message").asText())
                .isEqualTo("this token may not subscribe to " + channel);

        String reader = "Bearer " + token("reader", List.of(), List.of(channel));
        try (SseTestClient alice = open(channel, "alice"); SseTestClient again = open(channel, "alice");
             SseTestClient bob = open(channel, "bob")) {
            assertThat(List.of(alice.status(), again.status(), bob.status())).containsOnly(200);
            await().atMost(SseTestClient.WAIT).until(() -> presence(channel, "Authorization", reader)
                    .path("streams").asInt() == 3);
            assertThat(presence(channel, "Authorization", reader).toString()).isEqualTo("{\"channel\":\"" + channel
                    + "\",\"streams\":3,\"subjects\":[\"alice\",\"bob\"]}");
        }
    }

    @Test
    void aChannelMissingRepeatedOrReservedIs400NamingIt() {
        for (String query : List.of("", "?channel=a&channel=b", "?channel=%24herald.status", "?channel=")) {
            HttpResponse<String> refused = TestHttp.get(presenceUri(query));
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            JsonNode body = TestHttp.json(refused);
            assertThat(body.path("status").asText()).isEqualTo("error");
            assertThat(body.path("message").asText()).as(query).contains("channel");
        }
    }

    @Test
    void presenceTakesOnlyGet() {
        HttpResponse<String> refused = TestHttp.request("POST", presenceUri("?channel=x"));
        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aSubjectsFirstStreamIsAJoinAndItsLastOneALeaveAfterTheGraceWithoutIds() {
        String channel = channel("room-");
        try (SseTestClient watcher = openLive(channel, "watcher")) {
            String idBefore = watcher.lastEventId();
            SseTestClient alice = open(channel, "alice");
            ParsedEvent join = watcher.next();
            assertThat(join.type()).isEqualTo("join");
            assertThat(join.data()).isEqualTo("{\"subject\":\"alice\",\"streams\":1}");
            try (SseTestClient aliceAgain = open(channel, "alice")) {
                assertThat(aliceAgain.status()).isEqualTo(200);
                alice.close();
                watcher.assertNoMoreEvents(Duration.ofMillis(500)); // a second stream is no join; one left is no leave
            }
            ParsedEvent leave = watcher.next();
            assertThat(leave.type()).isEqualTo("leave");
            assertThat(leave.data()).isEqualTo("{\"subject\":\"alice\",\"streams\":0}");
            assertThat(watcher.lastEventId()).as("join and leave carry no id").isEqualTo(idBefore);
        }
    }

    @Test
    void aReconnectWithinTheGraceAnnouncesNeitherLeaveNorJoin() {
        String channel = channel("private-room-");
        try (SseTestClient watcher = openLive(channel, "watcher")) {
            SseTestClient bob = open(channel, "bob");
            assertThat(watcher.next().type()).isEqualTo("join");
            bob.close();
            await().atMost(SseTestClient.WAIT).until(() -> presence(channel, "Authorization",
                    "Bearer " + token("reader", List.of(), List.of(channel))).path("streams").asInt() == 1);
            try (SseTestClient back = open(channel, "bob")) {
                assertThat(back.status()).isEqualTo(200);
                watcher.assertNoMoreEvents(AFTER_GRACE);
            }
        }
    }

    @Test
    void aChannelOutsideThePresenceChannelsAnnouncesNothing() {
        String channel = channel("quiet-");
        try (SseTestClient watcher = openLive(channel, "watcher"); SseTestClient carol = open(channel, "carol")) {
            assertThat(carol.status()).isEqualTo(200);
            watcher.assertNoMoreEvents(Duration.ofSeconds(1));
        }
    }
}
