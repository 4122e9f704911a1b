package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP adapter of Herald answers the same way to {@code POST .../publish} with an idempotency key, over
 * real HTTP, whatever its broker: a repeat within the window (the {@code Idempotency-Key} header or the body's
 * {@code idempotencyKey}) answers the first id with {@code Idempotency-Replayed: true} and publishes nothing, on this
 * node or on {@link #otherNode()}; a malformed key is a 400 naming it. The server opens every channel, keeps at least
 * 5 events of history a channel and keeps keys at least a minute. Every test uses channels and keys of its own.
 */
public abstract class IdempotencyContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where {@code publish} and {@code poll} are, e.g. {@code http://127.0.0.1:8080/events}. */
    protected abstract URI base();

    /** Another node of the same broker, where one runs (Redis modes); by default this one. */
    protected URI otherNode() {
        return base();
    }

    private static String channel() {
        return "idem-" + UUID.randomUUID();
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    private static URI publish(URI node) {
        return URI.create(node + "/publish");
    }

    private static String body(String channel, String data) {
        return body(Map.of("channel", channel, "type", "t", "data", data));
    }

    private static String body(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private URI poll(String channel, String since) {
        return poll(base(), channel, since);
    }

    private static URI poll(URI node, String channel, String since) {
        return URI.create(node + "/poll?channel=" + channel
                + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)));
    }

    private List<String> dataSince(String cursor, String channel) {
        return dataSince(base(), cursor, channel);
    }

    /**
     * The data of the events {@code node} holds on {@code channel} after {@code cursor}, read once a last event
     * (published there without a key after the test's own) is among them. Read on the node that published: in Redis
     * Pub/Sub mode a node's history holds another node's events only while it has a subscriber.
     */
    private static List<String> dataSince(URI node, String cursor, String channel) {
        HttpResponse<String> last = TestHttp.post(publish(node), body(channel, "last"));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
        AtomicReference<List<String>> data = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            data.set(Polls.poll(poll(node, channel, cursor)).data());
            assertThat(data.get()).contains("last");
        });
        return data.get();
    }

    @Test
    void aRepeatedKeyAnswersTheFirstIdAndPublishesNothing() {
        String channel = channel();
        String cursor = Polls.poll(poll(channel, null)).next();
        String key = key();

        HttpResponse<String> first = TestHttp.postJson(publish(base()), body(channel, "once"), "Idempotency-Key", key);
        HttpResponse<String> repeat = TestHttp.postJson(publish(base()), body(channel, "once"), "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotency-Replayed")).isEmpty();
        assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(TestHttp.json(repeat).path("id").asText()).isEqualTo(TestHttp.json(first).path("id").asText());
        assertThat(TestHttp.json(repeat).path("status").asText()).isEqualTo("success");
        assertThat(dataSince(cursor, channel)).containsExactly("once", "last");
    }

    @Test
    void theBodysKeyCountsAsTheHeaderDoes() {
        String channel = channel();
        String cursor = Polls.poll(poll(channel, null)).next();
        String key = key();

        HttpResponse<String> first = TestHttp.post(publish(base()),
                body(Map.of("channel", channel, "data", "once", "idempotencyKey", key)));
        HttpResponse<String> repeat = TestHttp.postJson(publish(base()), body(channel, "once"), "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(TestHttp.json(repeat).path("id").asText()).isEqualTo(TestHttp.json(first).path("id").asText());
        assertThat(dataSince(cursor, channel)).containsExactly("once", "last");
    }

    @Test
    void aRepeatOnAnotherNodeOfTheSameBrokerPublishesNothing() {
        String channel = channel();
        String cursor = Polls.poll(poll(channel, null)).next();
        String otherCursor = Polls.poll(poll(otherNode(), channel, null)).next();
        String key = key();

        HttpResponse<String> first = TestHttp.postJson(publish(base()), body(channel, "once"), "Idempotency-Key", key);
        HttpResponse<String> repeat = TestHttp.postJson(publish(otherNode()), body(channel, "repeat"),
                "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(TestHttp.json(repeat).path("id").asText()).isEqualTo(TestHttp.json(first).path("id").asText());
        assertThat(dataSince(otherNode(), otherCursor, channel)).doesNotContain("repeat").contains("last");
        assertThat(dataSince(cursor, channel)).doesNotContain("repeat").containsOnlyOnce("once");
    }

    @Test
    void differentKeysPublishEach() {
        String channel = channel();
        String cursor = Polls.poll(poll(channel, null)).next();

        HttpResponse<String> one = TestHttp.postJson(publish(base()), body(channel, "one"), "Idempotency-Key", key());
        HttpResponse<String> two = TestHttp.postJson(publish(base()), body(channel, "two"), "Idempotency-Key", key());

        assertThat(two.headers().firstValue("Idempotency-Replayed")).isEmpty();
        assertThat(TestHttp.json(two).path("id").asText()).isNotEqualTo(TestHttp.json(one).path("id").asText());
        assertThat(dataSince(cursor, channel)).containsExactly("one", "two", "last");
    }

    @Test
    void aMalformedKeyIsA400NamingItAndPublishesNothing() {
        String channel = channel();
        String cursor = Polls.poll(poll(channel, null)).next();

        assertError(TestHttp.postJson(publish(base()), body(channel, "x"), "Idempotency-Key", "k".repeat(201)),
                "Idempotency-Key must be 1 to 200 characters, got 201");
        assertError(TestHttp.post(publish(base()), body(Map.of("channel", channel, "data", "x", "idempotencyKey", ""))),
                "idempotencyKey must be 1 to 200 characters, got 0");
        assertError(TestHttp.post(publish(base()),
                        body(Map.of("channel", channel, "data", "x", "idempotencyKey", "caf\u00e9"))),
                "idempotencyKey must be printable ASCII; character 3 is not");
        assertError(TestHttp.post(publish(base()), body(Map.of("channel", channel, "data", "x", "idempotencyKey", 7))),
                "idempotencyKey must be a string");
        assertError(TestHttp.postJson(publish(base()),
                        body(Map.of("channel", channel, "data", "x", "idempotencyKey", "a")), "Idempotency-Key", "b"),
                "idempotencyKey differs from the Idempotency-Key header; give one of them");
        assertThat(TestHttp.postJson(publish(base()), body(channel, "x"), "Idempotency-Key", "k".repeat(200))
                .statusCode()).isEqualTo(200);
        assertThat(dataSince(cursor, channel)).containsExactly("x", "last");
    }

    private static void assertError(HttpResponse<String> answer, String message) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(TestHttp.json(answer).path("status").asText()).isEqualTo("error");
        assertThat(TestHttp.json(answer).path("message").asText()).isEqualTo(message);
    }
}
