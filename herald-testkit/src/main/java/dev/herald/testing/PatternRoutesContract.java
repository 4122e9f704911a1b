package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.request.StreamRequest;
import dev.herald.sse.ParsedEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pattern subscriptions ({@code GET /stream?channel=orders.*}, and {@code /poll}), which every HTTP adapter serves the
 * same way over real HTTP, on a broker that matches patterns. Each test uses a prefix of its own, so one server serves
 * them all: its {@code stream}, {@code poll} and {@code publish} are under {@link #base()}, with no token needed.
 */
public abstract class PatternRoutesContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);

    /** Where {@code stream}, {@code poll} and {@code publish} are, without a final slash. */
    protected abstract URI base();

    private URI stream(String query) {
        return URI.create(base() + "/stream" + query);
    }

    private URI poll(String query) {
        return URI.create(base() + "/poll" + query);
    }

    private static String prefix() {
        return "pattern-" + UUID.randomUUID() + ".";
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String publish(String channel, String data) {
        try {
            String body = JSON.writeValueAsString(Map.of("channel", channel, "type", "t", "data", data));
            HttpResponse<String> response = TestHttp.post(URI.create(base() + "/publish"), body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).path("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertBadRequest(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("message").asText()).isEqualTo(message);
    }

    @Test
    void aPatternStreamReceivesEveryChannelItMatchesAndNoOther() {
        String prefix = prefix();
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + q(prefix + "*")))) {
            assertThat(client.status()).isEqualTo(200);
            client.nextRetry();
            String eu = publish(prefix + "eu", "1");
            publish("other-" + prefix + "eu", "not mine");
            String appeared = publish(prefix + "us.west", "2");

            assertThat(client.next(2)).extracting(ParsedEvent::lastEventId, ParsedEvent::data)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(eu, "1"),
                            org.assertj.core.groups.Tuple.tuple(appeared, "2"));
            client.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aStreamNamingAPatternAndAChannelItMatchesGetsEachEventOnce() {
        String prefix = prefix();
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + q(prefix + "*") + "&channel=" + q(prefix + "eu")))) {
            client.nextRetry();
            publish(prefix + "eu", "1");
            publish(prefix + "us", "2");

            assertThat(client.next(2)).extracting(ParsedEvent::data).containsExactly("1", "2");
            client.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aPatternStreamResumesFromLastEventIdAcrossEveryMatchedChannel() {
        String prefix = prefix();
        String cursor = publish(prefix + "eu", "seen");
        publish(prefix + "eu", "1");
        publish(prefix + "us", "2");
        publish("other-" + prefix, "not mine");
        publish(prefix + "asia", "3");

        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + q(prefix + "*")),
                Map.of(StreamRequest.LAST_EVENT_ID_HEADER, cursor))) {
            assertThat(client.next(3)).extracting(ParsedEvent::data).containsExactly("1", "2", "3");
            String live = publish(prefix + "new", "4");
            ParsedEvent next = client.next();
            assertThat(next.data()).isEqualTo("4");
            assertThat(next.lastEventId()).isEqualTo(live);
            client.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aPollOnAPatternAnswersEveryMatchedChannelAfterItsCursor() {
        String prefix = prefix();
        String since = Polls.poll(poll("?channel=" + q(prefix + "*"))).next();
        String one = publish(prefix + "a", "one");
        publish("other-" + prefix + "a", "not mine");
        String two = publish(prefix + "b", "two");

        Polls.Answer answer = Polls.poll(poll("?channel=" + q(prefix + "*") + "&since=" + q(since)));

        assertThat(answer.events()).containsExactly(new Polls.Event(one, "t", "one"), new Polls.Event(two, "t", "two"));
        assertThat(answer.historyGone()).isFalse();
    }

    @Test
    void aPatternThatDoesNotParseIsA400NamingTheField() {
        String message = "channel pattern \"orders.**\" does not parse: write one * for any run of characters, never **";
        assertBadRequest(TestHttp.get(stream("?channel=" + q("orders.**"))), message);
        assertBadRequest(TestHttp.get(poll("?channel=" + q("orders.**"))), message);
    }

    @Test
    void moreThanTheMostPatternsIsA400() {
        String query = IntStream.rangeClosed(0, StreamRequest.MAX_PATTERNS)
                .mapToObj(n -> "channel=" + q("p" + n + ".*")).collect(Collectors.joining("&", "?", ""));
        assertBadRequest(TestHttp.get(stream(query)), "a stream may name at most " + StreamRequest.MAX_PATTERNS
                + " channel patterns (names holding *), got " + (StreamRequest.MAX_PATTERNS + 1));
    }
}
