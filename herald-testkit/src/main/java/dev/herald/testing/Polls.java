package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * GET .../poll for the tests: the answer read into its parts, at once or later (a long poll). Every answer read is
 * checked to be a poll's 200: JSON (whatever spaces the server puts in its media type), not to be stored, and exactly
 * the fields {@code events} ({@code id}, {@code type}, {@code data}), {@code next} and {@code historyGone}.
 */
public final class Polls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Longer than any wait a test asks for. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** One event of an answer. */
    public record Event(String id, String type, String data) {
    }

    /** A 200 answer: its events, its cursor and whether history was gone. */
    public record Answer(List<Event> events, String next, boolean historyGone) {

        /** The data of each event, in order. */
        public List<String> data() {
            return events.stream().map(Event::data).toList();
        }
    }

    private Polls() {
    }

    /** Sends a poll; headers as name, value, name, value… */
    public static CompletableFuture<HttpResponse<String>> send(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(PATIENCE).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A poll answered 200, read. */
    public static Answer poll(URI uri, String... headers) {
        return answerOf(await(send(uri, headers)));
    }

    /** The answer of a poll sent, waiting for it longer than any wait a test asks for. */
    public static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> pending) {
        try {
            return pending.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer to the poll within " + PATIENCE, e);
        }
    }

    /** A 200 answer of a poll, read (and checked: see the class). */
    public static Answer answerOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // Tomcat writes the media type without the space after ';': the same type.
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "").toLowerCase(Locale.ROOT)).isEqualTo("application/json;charset=utf-8"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        try {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.fieldNames()).toIterable().containsExactly("events", "next", "historyGone");
            List<Event> events = new ArrayList<>();
            for (JsonNode event : body.get("events")) {
                assertThat(event.fieldNames()).toIterable().containsExactly("id", "type", "data");
                events.add(new Event(event.get("id").asText(), event.get("type").asText(), event.get("data").asText()));
            }
            return new Answer(events, body.get("next").isNull() ? null : body.get("next").asText(),
                    body.get("historyGone").asBoolean());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
