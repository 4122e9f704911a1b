package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP adapter of Herald answers the same way at {@code GET .../history}, over real HTTP: a channel's
 * retained events, newest first, in pages, read without subscribing; an unknown {@code before} as
 * {@code historyGone}; bad input as a JSON 400 naming the parameter; other methods as 405. The server is the one
 * {@link StreamRoutesContract} asks for, so one server may serve every route suite. Every test uses channels of its
 * own.
 */
public abstract class HistoryRoutesContract {

    /** Where {@code history} and {@code publish} are, e.g. {@code http://127.0.0.1:8080/events}, without a final slash. */
    protected abstract URI base();

    /** The streams and long polls the server's limits count as open now. */
    protected abstract int streamsOpen();

    private static String channel() {
        return "history-" + UUID.randomUUID();
    }

    private URI history(String query) {
        return URI.create(base() + "/history?" + query);
    }

    private void publish(String channel, String data) {
        HttpResponse<String> response = TestHttp.post(URI.create(base() + "/publish"),
                "{\"channel\":\"" + channel + "\",\"type\":\"t\",\"data\":\"" + data + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode page(String query) {
        HttpResponse<String> response = TestHttp.get(history(query));
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

    @Test
    void historyIsReadNewestFirstInPagesWithoutSubscribing() {
        String channel = channel();
        for (int i = 1; i <= 5; i++) {
            publish(channel, "e" + i);
        }
        publish(channel(), "not mine");

        JsonNode first = page("channel=" + channel + "&limit=2");
        assertThat(first.path("channel").asText()).isEqualTo(channel);
        assertThat(data(first)).containsExactly("e5", "e4");
        assertThat(first.path("events").get(0).path("type").asText()).isEqualTo("t");
        assertThat(first.path("events").get(0).path("id").asText()).isNotBlank();
        assertThat(first.path("historyGone").asBoolean()).isFalse();

        String before = URLEncoder.encode(first.path("next").asText(), StandardCharsets.UTF_8);
        JsonNode second = page("channel=" + channel + "&limit=2&before=" + before);
        assertThat(data(second)).containsExactly("e3", "e2");
        JsonNode last = page("channel=" + channel + "&before="
                + URLEncoder.encode(second.path("next").asText(), StandardCharsets.UTF_8));
        assertThat(data(last)).containsExactly("e1");
        assertThat(last.path("next").isNull()).as("nothing older").isTrue();
        assertThat(streamsOpen()).as("read without subscribing").isZero();
    }

    @Test
    void aChannelWithoutHistoryIsAnEmptyPage() {
        JsonNode empty = page("channel=" + channel());

        assertThat(empty.path("events")).isEmpty();
        assertThat(empty.path("next").isNull()).isTrue();
        assertThat(empty.path("historyGone").asBoolean()).isFalse();
    }

    @Test
    void anUnknownBeforeIsHistoryGoneNotAnError() {
        String channel = channel();
        publish(channel, "kept");

        JsonNode gone = page("channel=" + channel + "&before=no-such-id");

        assertThat(gone.path("historyGone").asBoolean()).isTrue();
        assertThat(gone.path("events")).isEmpty();
        assertThat(gone.path("next").isNull()).isTrue();
    }

    @Test
    void aBadRequestIsAJson400NamingTheParameter() {
        assertBad("limit=5", "channel");
        assertBad("channel=a&limit=0", "limit");
        assertBad("channel=a&limit=1001", "limit");
        assertBad("channel=a&limit=x", "limit");
        assertBad("channel=a&channel=b", "channel");
        assertBad("channel=%24herald.status", "channel");
        assertBad("channel=a&before=a%0Ab", "before");
    }

    @Test
    void anotherMethodIsA405WithAllow() {
        HttpResponse<String> post = TestHttp.request("POST", history("channel=a"));

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(TestHttp.json(post).path("status").asText()).isEqualTo("error");
    }

    private void assertBad(String query, String named) {
        HttpResponse<String> response = TestHttp.get(history(query));
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("message").asText()).as(query).contains(named);
    }
}
