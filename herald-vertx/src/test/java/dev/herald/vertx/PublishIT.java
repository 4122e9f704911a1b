package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /publish on the Vert.x routes: any channel, type, data, id and retry, and the refusals. */
class PublishIT {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void publishAnswersTheAssignedIdAndTheEventCarriesIt() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=orders"))) {
            HttpResponse<String> response = TestHttp.post(app.events("/publish"),
                    "{\"channel\":\"orders\",\"type\":\"created\",\"data\":\"line one\\nline two\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            ParsedEvent event = client.next();
            assertThat(event.type()).isEqualTo("created");
            assertThat(event.data()).isEqualTo("line one\nline two");
            assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"id\":\"" + event.lastEventId() + "\"}");
        }
    }

    @Test
    void dataThatIsNotAStringTravelsAsJsonAndTheDefaultsApply() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream"))) {
            TestHttp.post(app.events("/publish"), "{\"data\":{\"n\":[1,2,3]}}");
            ParsedEvent event = client.next();
            assertThat(event.type()).isEqualTo("message");
            assertThat(event.data()).isEqualTo("{\"n\":[1,2,3]}");
        }
    }

    @Test
    void aPublishersOwnIdAndRetryReachTheClient() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=own-ids"))) {
            assertThat(client.nextRetry()).isEqualTo(3000);
            HttpResponse<String> response = TestHttp.post(app.events("/publish"),
                    "{\"channel\":\"own-ids\",\"data\":\"x\",\"id\":\"order-17\",\"retry\":1500}");
            assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"id\":\"order-17\"}");
            assertThat(client.next().lastEventId()).isEqualTo("order-17");
            assertThat(client.nextRetry()).isEqualTo(1500);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "data missing            | {\"channel\":\"a\"}                          | data is required",
        "empty channel           | {\"channel\":\"\",\"data\":\"x\"}            | channel name must not be empty",
        "control char in channel | {\"channel\":\"a\\u0007b\",\"data\":\"x\"}   | channel name must not contain control characters",
        "channel not a string    | {\"channel\":7,\"data\":\"x\"}               | channel must be a string",
        "type with a newline     | {\"type\":\"a\\nid: 9\",\"data\":\"x\"}      | event type must not contain CR or LF",
        "id with a newline       | {\"id\":\"a\\rb\",\"data\":\"x\"}            | id must not contain CR, LF or NUL",
        "id in Herald's form     | {\"id\":\"12-3\",\"data\":\"x\"}             | id \\\"12-3\\\" has the form of Herald's own ids",
        "empty id                | {\"id\":\"\",\"data\":\"x\"}               | id must not be empty",
        "text after the JSON     | {\"data\":\"x\"} trailing                    | Request body is not valid JSON",
        "negative retry          | {\"retry\":-1,\"data\":\"x\"}                | retry must be a non-negative whole number",
        "fractional retry        | {\"retry\":1.5,\"data\":\"x\"}               | retry must be a non-negative whole number",
    })
    void badPublicationsAreRefusedWith400AndReachNobody(String name, String body, String message) {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=a"))) {
            HttpResponse<String> response = TestHttp.post(app.events("/publish"), body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"" + message);
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void aChannelNameOver200CharactersIsRefused() {
        HttpResponse<String> response = TestHttp.post(app.events("/publish"),
                "{\"channel\":\"" + "c".repeat(201) + "\",\"data\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("at most 200 characters");
    }

    @Test
    void aWrongMethodOrContentTypeIsRefused() {
        assertThat(TestHttp.request("GET", app.events("/publish")).statusCode()).isEqualTo(405);
        assertThat(TestHttp.post(app.events("/publish"), "text/plain", "{\"data\":\"x\"}").statusCode()).isEqualTo(415);
    }
}
