package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * Retention per channel pattern ({@code --history}) and latest-value channels ({@code --latest-value-channels}) over
 * HTTP on a real server, configured from its command line, in the three broker modes (Redis on a private
 * {@code redis-server}). What does not depend on the broker (the request's form, 405) is in the adapters' shared
 * {@code HistoryRoutesContract}.
 */
class HistoryIT {

    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    enum Mode {
        MEMORY, PUBSUB, STREAMS;

        List<String> flags() {
            return switch (this) {
                case MEMORY -> List.of();
                case PUBSUB -> List.of("--redis", redis.url(), "--redis-mode", "pubsub");
                case STREAMS -> List.of("--redis", redis.url(), "--redis-mode", "streams");
            };
        }
    }

    /** A server from {@code flags} after the mode's, as {@code herald} would parse them (no environment). */
    private static RunningServer server(Mode mode, String... flags) {
        Map<String, String> environment = new HashMap<>();
        CommandLine commandLine = Main.commandLine(new DeclaredOptions(DeclaredOptions.CATALOGUE, environment::get));
        List<String> args = new ArrayList<>(mode.flags());
        args.addAll(List.of(flags));
        commandLine.parseArgs(args.toArray(String[]::new));
        return RunningServer.start(commandLine.<Main>getCommand().config());
    }

    private static void publish(RunningServer server, String channel, String data) {
        assertThat(TestHttp.post(server.uri("/publish"), "{\"channel\":\"" + channel + "\",\"data\":\"" + data + "\"}")
                .statusCode()).isEqualTo(200);
    }

    /** A channel of its own per test and mode: the Redis is shared by the tests of this class. */
    private static String channel(String prefix, Mode mode) {
        return prefix + mode.name().toLowerCase() + "-" + System.nanoTime();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNewSubscriberOfALatestValueChannelGetsItsNewestEventAtOnceThenLiveWithoutDuplicate(Mode mode) {
        String prices = channel("prices.", mode);
        String news = channel("news-", mode);
        try (RunningServer server = server(mode, "--history", "prices.*=1,1h", "--latest-value-channels", "prices.*")) {
            publish(server, prices, "1.07");
            publish(server, prices, "1.08");
            publish(server, news, "old news");

            try (SseTestClient price = SseTestClient.connect(server.uri("/stream?channel=" + prices));
                 SseTestClient other = SseTestClient.connect(server.uri("/stream?channel=" + news))) {
                assertThat(price.next().data()).as("the latest value at once").isEqualTo("1.08");
                other.nextRetry();
                publish(server, prices, "1.09");
                publish(server, news, "fresh news");

                assertThat(price.next().data()).isEqualTo("1.09");
                assertThat(other.next().data()).as("not a latest-value channel: live only").isEqualTo("fresh news");
                price.assertNoMoreEvents(Duration.ofMillis(300));
                other.assertNoMoreEvents(Duration.ofMillis(50));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aResumeOnALatestValueChannelReplaysAfterItsLastEventIdAsBefore(Mode mode) {
        String scores = channel("scores.", mode);
        try (RunningServer server = server(mode, "--latest-value-channels", "scores.*")) {
            publish(server, scores, "1-0");
            String seen;
            try (SseTestClient first = SseTestClient.connect(server.uri("/stream?channel=" + scores))) {
                ParsedEvent latest = first.next();
                assertThat(latest.data()).isEqualTo("1-0");
                seen = latest.lastEventId();
            }
            publish(server, scores, "2-0");
            publish(server, scores, "2-1");

            try (SseTestClient resumed = SseTestClient.connect(server.uri("/stream?channel=" + scores),
                    Map.of("Last-Event-ID", seen))) {
                assertThat(resumed.next(2)).extracting(ParsedEvent::data).containsExactly("2-0", "2-1");
                resumed.assertNoMoreEvents(Duration.ofMillis(300));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aRuleCapsTheHistoryOfTheChannelsItMatchesOthersKeepHistorySize(Mode mode) {
        String ticker = channel("ticker.", mode);
        String chat = channel("chat-", mode);
        try (RunningServer server = server(mode, "--history", "ticker.*=1,1h", "--history", "chat-*=3,1h",
                "--history-size", "1000")) {
            String first = null;
            // past one Redis stream node (100 entries), so that MAXLEN ~ trims in Streams mode too
            for (int i = 0; i < 150; i++) {
                publish(server, ticker, "t" + i);
                if (first == null) {
                    first = Polls.poll(server.uri("/poll?channel=" + ticker + "&rewind=1")).events().get(0).id();
                }
            }
            for (int i = 0; i < 5; i++) {
                publish(server, chat, "c" + i);
            }

            Polls.Answer tickerAfterFirst = Polls.poll(server.uri("/poll?channel=" + ticker + "&since=" + first));
            Polls.Answer chatNewest = Polls.poll(server.uri("/poll?channel=" + chat + "&rewind=10"));

            assertThat(tickerAfterFirst.historyGone()).as("the rule of 1 event trimmed the ticker").isTrue();
            // Redis trims a stream by whole nodes (MAXLEN ~): it keeps at least the rule's events, here all five
            assertThat(chatNewest.data()).as("the second rule: 3 events").hasSize(mode == Mode.STREAMS ? 5 : 3)
                    .endsWith("c2", "c3", "c4");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void historyIsReadNewestFirstInPagesWithoutSubscribing(Mode mode) {
        String orders = channel("orders-", mode);
        try (RunningServer server = server(mode)) {
            for (int i = 1; i <= 5; i++) {
                publish(server, orders, "o" + i);
            }
            JsonNode first = history(server, "channel=" + orders + "&limit=2");
            assertThat(data(first)).containsExactly("o5", "o4");
            assertThat(first.path("channel").asText()).isEqualTo(orders);
            assertThat(first.path("historyGone").asBoolean()).isFalse();
            assertThat(first.path("events").get(0).path("type").asText()).isEqualTo("message");

            JsonNode second = history(server, "channel=" + orders + "&limit=2&before=" + first.path("next").asText());
            assertThat(data(second)).containsExactly("o3", "o2");
            JsonNode last = history(server, "channel=" + orders + "&before=" + second.path("next").asText());
            assertThat(data(last)).containsExactly("o1");
            assertThat(last.path("next").isNull()).as("nothing older").isTrue();
            assertThat(server.stats().streamsOpen()).as("read without subscribing").isZero();

            JsonNode gone = history(server, "channel=" + orders + "&before=no-such-id");
            assertThat(gone.path("historyGone").asBoolean()).isTrue();
            assertThat(gone.path("events")).isEmpty();
        }
    }

    @Test
    void aPrivateChannelsHistoryNeedsATokenThatMayReadIt() {
        AccessOptions access = AccessOptions.tokens(TestTokens.OPTIONS)
                .withPrivateChannels(ChannelPatterns.parse("secret-*"));
        try (RunningServer server = RunningServer.start(HeraldConfig.defaults().withAccess(access))) {
            String reader = TestTokens.token(List.of(), List.of("secret-*"));
            String other = TestTokens.token(List.of(), List.of("public-*"));
            URI uri = server.uri("/history?channel=secret-plans");

            assertThat(TestHttp.get(uri).statusCode()).isEqualTo(401);
            assertThat(TestHttp.get(uri, "Authorization", "Bearer " + other).statusCode()).isEqualTo(403);
            HttpResponse<String> read = TestHttp.get(uri, "Authorization", "Bearer " + reader);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(TestHttp.json(read).path("events")).isEmpty();
        }
    }

    private static JsonNode history(RunningServer server, String query) {
        HttpResponse<String> response = TestHttp.get(server.uri("/history?" + query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        return TestHttp.json(response);
    }

    private static List<String> data(JsonNode page) {
        List<String> data = new ArrayList<>();
        page.path("events").forEach(event -> data.add(event.path("data").asText()));
        return data;
    }
}
