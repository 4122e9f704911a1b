package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed's contract: POST /send_notification and the notify event, with every bad input refused. */
class NotificationIT {

    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start(HeraldConfig.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        herald.close();
    }

    @Test
    void aNotificationReachesEverySubscriberAsANotifyEvent() {
        try (SseTestClient first = SseTestClient.connect(herald.uri("/stream"));
             SseTestClient second = SseTestClient.connect(herald.uri("/stream"))) {
            HttpResponse<String> response = TestHttp.post(herald.uri("/send_notification"), "{\"message\": \"Hello World\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"message\":\"Notification sent\"}");
            for (SseTestClient client : new SseTestClient[] {first, second}) {
                ParsedEvent event = client.next();
                assertThat(event.type()).isEqualTo("notify");
                assertThat(event.data()).isEqualTo("{\"message\":\"Hello World\"}");
                assertThat(event.lastEventId()).isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "no message field      | application/json  | {}                        | 400 | No message provided",
        "empty message         | application/json  | {\"message\": \"\"}       | 400 | No message provided",
        "blank message         | application/json  | {\"message\": \"  \"}     | 400 | No message provided",
        "null message          | application/json  | {\"message\": null}       | 400 | No message provided",
        "message not a string  | application/json  | {\"message\": 42}         | 400 | message must be a string",
        "malformed JSON        | application/json  | {\"message\":             | 400 | Request body is not valid JSON",
        "JSON that is no object| application/json  | [\"message\"]             | 400 | Request body must be a JSON object",
        "empty body            | application/json  | ``                        | 400 | Request body is empty",
        "form content type     | application/x-www-form-urlencoded | message=hi | 415 | Content-Type must be application/json",
        "plain text            | text/plain        | hello                     | 415 | Content-Type must be application/json",
    })
    void badInputIsRefusedWithAJsonErrorAndPublishesNothing(String name, String contentType, String body, int status,
                                                             String message) {
        try (SseTestClient client = SseTestClient.connect(herald.uri("/stream"))) {
            HttpResponse<String> response = TestHttp.post(herald.uri("/send_notification"), contentType, body);

            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"" + message);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"message\": \"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> response = TestHttp.post(herald.uri("/send_notification"), big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"error\",\"message\":\"Request body is larger than the limit of 65536 bytes\"}");
    }

    @Test
    void aWrongMethodIsA405() {
        HttpResponse<String> response = TestHttp.request("GET", herald.uri("/send_notification"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).startsWith("{\"status\":\"error\"");
    }

    @Test
    void anUnknownPathIsA404WithJson() {
        HttpResponse<String> response = TestHttp.request("GET", herald.uri("/no/such/thing"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("{\"status\":\"error\"");
    }

    @Test
    void thePageAndItsModulesComeFromTheServerItself() {
        HttpResponse<String> page = TestHttp.request("GET", herald.uri("/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>")
                .contains("<form id=\"send-form\">").contains("id=\"message\"")
                .doesNotContain("cdn.").doesNotContain("https://");
        for (String module : List.of("/app.js", "/connection.js", "/backoff.js", "/background-notifications.js")) {
            HttpResponse<String> script = TestHttp.request("GET", herald.uri(module));
            assertThat(script.statusCode()).as(module).isEqualTo(200);
            assertThat(script.body()).as(module).doesNotContain("https://").doesNotContain("http://");
        }
    }
}
