package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.ParsedEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP adapter of Herald answers the same way to {@code POST .../publish} with {@code "channels": [...]},
 * over real HTTP, whatever its broker: one event with one id on every channel named; a stream on several of them
 * receives it once; any of them resumes from its id; a refused list is a 400 naming {@code channels[i]} and publishes
 * nothing; an idempotency key covers the whole publish; a batch item may name channels and carry its own key. The
 * server opens every channel, keeps at least 5 events of history a channel and lets an address publish at least 1,000
 * times at once. Every test uses channels and keys of its own.
 */
public abstract class PublishChannelsContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);

    /** Where {@code publish}, {@code stream} and {@code poll} are, e.g. {@code http://127.0.0.1:8080/events}. */
    protected abstract URI base();

    private static String channel() {
        return "many-" + UUID.randomUUID();
    }

    private URI publish() {
        return URI.create(base() + "/publish");
    }

    private URI batch() {
        return URI.create(base() + "/publish/batch");
    }

    private URI at(String route, List<String> channels, String cursorName, String cursor) {
        StringBuilder query = new StringBuilder(route).append('?');
        for (String channel : channels) {
            query.append("channel=").append(channel).append('&');
        }
        if (cursor != null) {
            query.append(cursorName).append('=').append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return URI.create(base() + query.toString());
    }

    private String head(String... channels) {
        return Polls.poll(at("/poll", List.of(channels), "since", null)).next();
    }

    private List<Polls.Event> since(String cursor, String... channels) {
        return Polls.poll(at("/poll", List.of(channels), "since", cursor)).events();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private String published(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TestHttp.json(answer).path("id").asText();
    }

    private static void assertError(HttpResponse<String> answer, int status, String message) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(TestHttp.json(answer).path("status").asText()).isEqualTo("error");
        assertThat(TestHttp.json(answer).path("message").asText()).startsWith(message);
    }

    @Test
    void oneEventWithOneIdReachesAStreamOnSeveralOfItsChannelsOnce() {
        String a = channel();
        String b = channel();
        String c = channel();
        try (SseTestClient both = SseTestClient.connect(at("/stream", List.of(a, b), "since", null));
             SseTestClient onC = SseTestClient.connect(at("/stream", List.of(c), "since", null))) {
            both.nextRetry();
            onC.nextRetry();

            String id = published(TestHttp.post(publish(), json(Map.of("channels", List.of(a, b, c), "type", "t",
                    "data", "everywhere"))));
            String after = published(TestHttp.post(publish(), json(Map.of("channel", b, "data", "after"))));

            List<ParsedEvent> received = both.next(2);
            assertThat(received).extracting(ParsedEvent::lastEventId).containsExactly(id, after);
            assertThat(received.get(0).type()).isEqualTo("t");
            assertThat(received.get(0).data()).isEqualTo("everywhere");
            assertThat(onC.next().lastEventId()).isEqualTo(id);
            both.assertNoMoreEvents(QUIET);
            onC.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void eachChannelsHistoryHoldsItAndAnyOfThemResumesFromItsId() {
        String a = channel();
        String b = channel();
        String cursor = head(a, b);

        String id = published(TestHttp.post(publish(), json(Map.of("channels", List.of(a, b), "data", "both"))));
        String later = published(TestHttp.post(publish(), json(Map.of("channel", a, "data", "later"))));

        assertThat(since(cursor, a)).extracting(Polls.Event::id).containsExactly(id, later);
        assertThat(since(cursor, b)).extracting(Polls.Event::id).containsExactly(id);
        assertThat(since(cursor, a, b)).extracting(Polls.Event::id).containsExactly(id, later);
        assertThat(since(id, b)).isEmpty();
        assertThat(since(id, a, b)).extracting(Polls.Event::id).containsExactly(later);
        try (SseTestClient resumed = SseTestClient.connect(at("/stream", List.of(a, b), "since", null),
                Map.of("Last-Event-ID", id))) {
            assertThat(resumed.next().lastEventId()).isEqualTo(later);
            resumed.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aRefusedListIsA400NamingTheChannelAndPublishesNothing() {
        String a = channel();
        String cursor = head(a);
        List<String> many = new ArrayList<>();
        for (int n = 0; n < 101; n++) {
            many.add(a + "-" + n);
        }

        assertError(TestHttp.post(publish(), json(Map.of("channels", List.of(a, "orders.*"), "data", "x"))), 400,
                "channels[1]: orders.* is a pattern");
        assertError(TestHttp.post(publish(), json(Map.of("channels", List.of(a, a), "data", "x"))), 400,
                "channels[1]: " + a + " is named twice");
        assertError(TestHttp.post(publish(), json(Map.of("channels", List.of(a, "$herald.status"), "data", "x"))),
                400, "channels[1]: channel $herald.status is reserved");
        assertError(TestHttp.post(publish(), json(Map.of("channels", List.of(a, ""), "data", "x"))), 400,
                "channels[1]: channel name must not be empty");
        assertError(TestHttp.post(publish(), json(Map.of("channels", many, "data", "x"))), 400,
                "channels must name 1 to 100 channels, got 101");
        assertError(TestHttp.post(publish(), json(Map.of("channels", List.of(), "data", "x"))), 400,
                "channels must name 1 to 100 channels, got 0");
        assertError(TestHttp.post(publish(), json(Map.of("channels", List.of(a), "channel", a, "data", "x"))), 400,
                "give channel or channels, not both");
        assertError(TestHttp.post(publish(), "{\"channels\":\"" + a + "\",\"data\":\"x\"}"), 400,
                "channels must be an array of channel names");
        assertError(TestHttp.post(publish(), "{\"channels\":[\"" + a + "\",7],\"data\":\"x\"}"), 400,
                "channels[1] must be a string");
        assertThat(since(cursor, a)).isEmpty();
        String hundred = published(TestHttp.post(publish(), json(Map.of("channels", many.subList(0, 100), "data", "x"))));
        assertThat(since(cursor, many.get(99))).extracting(Polls.Event::id).containsExactly(hundred);
    }

    @Test
    void anIdempotencyKeyCoversTheWholePublish() {
        String a = channel();
        String b = channel();
        String cursor = head(a, b);
        String body = json(Map.of("channels", List.of(a, b), "data", "once"));
        String key = "key-" + UUID.randomUUID();

        HttpResponse<String> first = TestHttp.postJson(publish(), body, "Idempotency-Key", key);
        HttpResponse<String> repeat = TestHttp.postJson(publish(), body, "Idempotency-Key", key);

        assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(published(repeat)).isEqualTo(published(first));
        assertThat(since(cursor, a)).extracting(Polls.Event::data).containsExactly("once");
        assertThat(since(cursor, b)).extracting(Polls.Event::data).containsExactly("once");
    }

    @Test
    void aBatchItemNamesChannelsAndCarriesItsOwnKey() {
        String a = channel();
        String b = channel();
        String cursor = head(a, b);
        String key = "key-" + UUID.randomUUID();
        String keyed = published(TestHttp.post(publish(), json(Map.of("channel", a, "data", "keyed",
                "idempotencyKey", key))));
        String items = json(List.of(
                Map.of("channels", List.of(a, b), "data", "both"),
                Map.of("channel", a, "data", "keyed again", "idempotencyKey", key),
                Map.of("channel", b, "data", "new", "idempotencyKey", key + "-2")));

        HttpResponse<String> answer = TestHttp.post(batch(), items);
        HttpResponse<String> again = TestHttp.post(batch(), items);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode results = TestHttp.json(answer).path("results");
        assertThat(results.get(0).has("replayed")).isFalse();
        assertThat(results.get(1).path("id").asText()).isEqualTo(keyed);
        assertThat(results.get(1).path("replayed").asBoolean()).isTrue();
        assertThat(results.get(2).has("replayed")).isFalse();
        JsonNode repeated = TestHttp.json(again).path("results");
        assertThat(repeated.get(0).has("replayed")).as("an item without a key publishes again").isFalse();
        assertThat(repeated.get(1).path("id").asText()).isEqualTo(keyed);
        assertThat(repeated.get(2).path("replayed").asBoolean()).isTrue();
        assertThat(repeated.get(2).path("id").asText()).isEqualTo(results.get(2).path("id").asText());
        assertThat(since(cursor, a, b)).extracting(Polls.Event::data).containsExactly("keyed", "both", "new", "both");
    }

    @Test
    void aBatchRefusesTheIdempotencyKeyHeaderNamingTheItemsField() {
        String a = channel();
        String cursor = head(a);

        assertError(TestHttp.postJson(batch(), json(List.of(Map.of("channel", a, "data", "x"))), "Idempotency-Key",
                "k"), 400, "the Idempotency-Key header is not taken by a batch: give each item its own idempotencyKey");
        assertError(TestHttp.post(batch(), json(List.of(Map.of("channel", a, "data", "x"),
                Map.of("channels", List.of(a, "b.*"), "data", "x")))), 400, "[1].channels[1]: b.* is a pattern");
        assertThat(since(cursor, a)).isEmpty();
    }
}
