package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP adapter of Herald answers the same way at {@code POST .../publish/batch}, over real HTTP, whatever
 * its broker: the items published in order, each answered with its id; a batch with one bad item refused whole, with
 * the item named, and nothing of it published. The server takes at least 5 events of history a channel, opens every
 * channel and lets an address publish at least 1,000 times at once. Every test uses channels of its own.
 */
public abstract class PublishBatchContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where {@code publish}, {@code publish/batch} and {@code poll} are, e.g. {@code http://127.0.0.1:8080/events}. */
    protected abstract URI base();

    private URI batch() {
        return URI.create(base() + "/publish/batch");
    }

    private static String channel() {
        return "batch-" + UUID.randomUUID();
    }

    /** A poll's cursor now: everything published after it is in the next poll since it. */
    private String head(String... channels) {
        return Polls.poll(poll(channels, null)).next();
    }

    private List<Polls.Event> since(String cursor, String... channels) {
        return Polls.poll(poll(channels, cursor)).events();
    }

    private URI poll(String[] channels, String since) {
        StringBuilder query = new StringBuilder("/poll?");
        for (String channel : channels) {
            query.append("channel=").append(channel).append('&');
        }
        if (since != null) {
            query.append("since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
        }
        return URI.create(base() + query.toString());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertError(HttpResponse<String> answer, int status, String message) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(TestHttp.json(answer).path("status").asText()).isEqualTo("error");
        assertThat(TestHttp.json(answer).path("message").asText()).isEqualTo(message);
    }

    @Test
    void aBatchPublishesItsItemsInOrderAndAnswersEachWithItsId() {
        String news = channel();
        String sport = channel();
        String cursor = head(news, sport);

        HttpResponse<String> answer = TestHttp.post(batch(), json(List.of(
                Map.of("channel", news, "type", "t", "data", "one"),
                Map.of("channel", sport, "type", "t", "data", "two"),
                Map.of("channel", news, "type", "t", "data", Map.of("n", 3)))));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = TestHttp.json(answer);
        assertThat(body.path("status").asText()).isEqualTo("success");
        List<String> ids = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            assertThat(result.path("status").asText()).isEqualTo("success");
            ids.add(result.path("id").asText());
        }
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(since(cursor, news, sport)).containsExactly(new Polls.Event(ids.get(0), "t", "one"),
                new Polls.Event(ids.get(1), "t", "two"), new Polls.Event(ids.get(2), "t", "{\"n\":3}"));
    }

    @Test
    void aBatchWithOneItemWithoutDataIsA400NamingItAndPublishesNothing() {
        String channel = channel();
        String cursor = head(channel);

        HttpResponse<String> answer = TestHttp.post(batch(), json(List.of(
                Map.of("channel", channel, "data", "fine"),
                Map.of("channel", channel, "type", "t"),
                Map.of("channel", channel, "data", "fine too"))));

        assertError(answer, 400, "[1].data is required");
        assertThat(since(cursor, channel)).isEmpty();
    }

    @Test
    void aBatchWithOneItemTheDoorRefusesIsA400NamingItAndPublishesNothing() {
        String channel = channel();
        String cursor = head(channel);

        HttpResponse<String> reserved = TestHttp.post(batch(), json(List.of(
                Map.of("channel", channel, "data", "fine"),
                Map.of("channel", "$status", "data", "mine"))));
        HttpResponse<String> badId = TestHttp.post(batch(), json(List.of(
                Map.of("channel", channel, "data", "fine"),
                Map.of("channel", channel, "data", "fine"),
                Map.of("channel", channel, "data", "x", "id", ""))));

        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(400);
        assertThat(TestHttp.json(reserved).path("message").asText()).startsWith("[1].channel $status is reserved");
        assertThat(badId.statusCode()).as(badId.body()).isEqualTo(400);
        assertThat(TestHttp.json(badId).path("message").asText()).startsWith("[2].id must not be empty");
        assertThat(since(cursor, channel)).isEmpty();
    }

    @Test
    void aBatchOfMoreThanAHundredItemsOrNoneIsRefused() {
        String channel = channel();
        String cursor = head(channel);
        List<Map<String, String>> items = new ArrayList<>();
        for (int n = 0; n < 101; n++) {
            items.add(Map.of("channel", channel, "data", "x" + n));
        }

        assertError(TestHttp.post(batch(), json(items)), 400, "a batch holds 1 to 100 items, got 101");
        assertError(TestHttp.post(batch(), "[]"), 400, "a batch holds 1 to 100 items, got 0");
        assertThat(since(cursor, channel)).isEmpty();

        HttpResponse<String> hundred = TestHttp.post(batch(), json(items.subList(0, 100)));
        assertThat(hundred.statusCode()).as(hundred.body()).isEqualTo(200);
        assertThat(TestHttp.json(hundred).path("results")).hasSize(100);
    }

    @Test
    void aBodyThatIsNotAnArrayOfObjectsIsA400() {
        assertError(TestHttp.post(batch(), "{\"data\":\"x\"}"), 400, "Request body must be a JSON array");
        assertError(TestHttp.post(batch(), "[{\"data\":\"x\"}, 7]"), 400, "[1] must be a JSON object");
        assertError(TestHttp.post(batch(), "[{\"data\":\"x\",\"channel\":7}]"), 400, "[0].channel must be a string");
        assertError(TestHttp.post(batch(), "text/plain", "[]"), 415,
                TestHttp.json(TestHttp.post(URI.create(base() + "/publish"), "text/plain", "{}")).path("message").asText());
    }

    @Test
    void otherMethodsAreA405AllowingPost() {
        HttpResponse<String> answer = TestHttp.request("GET", batch());
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
    }
}
