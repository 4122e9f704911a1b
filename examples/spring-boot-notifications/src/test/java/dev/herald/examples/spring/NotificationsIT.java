package dev.herald.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample on a random port, over real HTTP: what /send_notification publishes reaches a stream at /stream. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsIT {

    @LocalServerPort
    private int port;

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void aSentNotificationReachesTheStream() {
        try (SseTestClient client = SseTestClient.connect(uri("/stream"))) {
            client.nextRetry();
            HttpResponse<String> sent = TestHttp.post(uri("/send_notification"), "{\"message\":\"Hello\"}");
            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(sent.body()).isEqualTo("{\"status\":\"success\",\"message\":\"Notification sent\"}");
            ParsedEvent event = client.next();
            assertThat(event.type()).isEqualTo("notify");
            assertThat(event.data()).isEqualTo("{\"message\":\"Hello\"}");
            assertThat(event.lastEventId()).isNotBlank();
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void aPatternStreamReceivesTheNotificationsOfEveryChannelItMatches() {
        try (SseTestClient client = SseTestClient.connect(uri("/stream?channel=s*"))) {
            assertThat(client.status()).isEqualTo(200);
            client.nextRetry();
            HttpResponse<String> sent = TestHttp.post(uri("/send_notification"), "{\"message\":\"to sse\"}");
            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(client.next().data()).isEqualTo("{\"message\":\"to sse\"}");
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
        HttpResponse<String> refused = TestHttp.get(uri("/stream?channel=s**"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(refused).path("message").asText()).startsWith("channel pattern \"s**\" does not parse");
    }

    @Test
    void aSentNotificationIsInTheChannelsHistoryNewestFirst() {
        String message = "kept " + System.nanoTime();
        assertThat(TestHttp.post(uri("/send_notification"), "{\"message\":\"" + message + "\"}").statusCode())
                .isEqualTo(200);

        HttpResponse<String> history = TestHttp.get(uri("/history?channel=sse&limit=1"));

        assertThat(history.statusCode()).isEqualTo(200);
        JsonNode newest = TestHttp.json(history).path("events").get(0);
        assertThat(newest.path("type").asText()).isEqualTo("notify");
        assertThat(newest.path("data").asText()).isEqualTo("{\"message\":\"" + message + "\"}");
    }

    @Test
    void noMessageIsA400AndPublishesNothing() {
        try (SseTestClient client = SseTestClient.connect(uri("/stream"))) {
            client.nextRetry();
            for (String body : new String[] {"{}", "{\"message\":\"\"}", "{\"message\":42}"}) {
                HttpResponse<String> refused = TestHttp.post(uri("/send_notification"), body);
                assertThat(refused.statusCode()).as(body).isEqualTo(400);
                assertThat(refused.body()).isEqualTo("{\"status\":\"error\",\"message\":\"No message provided\"}");
            }
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedInTheSeedsShapeAndPublishesNothing() {
        try (SseTestClient client = SseTestClient.connect(uri("/stream"))) {
            client.nextRetry();
            HttpResponse<String> broken = TestHttp.post(uri("/send_notification"), "{\"message\":");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(broken.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Request body is not valid JSON\"}");
            HttpResponse<String> text = TestHttp.post(uri("/send_notification"), "text/plain", "Hello");
            assertThat(text.statusCode()).isEqualTo(415);
            assertThat(text.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Content-Type must be application/json\"}");
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void aBatchReachesTheStreamInOrderAndABatchWithABadItemPublishesNothing() {
        try (SseTestClient client = SseTestClient.connect(uri("/stream"))) {
            client.nextRetry();
            HttpResponse<String> refused = TestHttp.post(uri("/publish/batch"),
                    "[{\"type\":\"notify\",\"data\":\"fine\"},{\"type\":\"notify\"}]");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"status\":\"error\",\"message\":\"[1].data is required\"}");
            HttpResponse<String> sent = TestHttp.post(uri("/publish/batch"),
                    "[{\"type\":\"notify\",\"data\":\"one\"},{\"type\":\"notify\",\"data\":\"two\"}]");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            assertThat(client.next().data()).isEqualTo("one");
            assertThat(client.next().data()).isEqualTo("two");
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void aPublishRepeatedWithItsIdempotencyKeyReachesTheStreamOnce() {
        try (SseTestClient client = SseTestClient.connect(uri("/stream"))) {
            client.nextRetry();
            String body = "{\"type\":\"notify\",\"data\":\"once\"}";
            HttpResponse<String> first = TestHttp.postJson(uri("/publish"), body, "Idempotency-Key", "sample-once");
            HttpResponse<String> repeat = TestHttp.postJson(uri("/publish"), body, "Idempotency-Key", "sample-once");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(first.body());
            assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
            assertThat(client.next().data()).isEqualTo("once");
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void oneEventOnSeveralChannelsReachesAStreamOnTwoOfThemOnceAndABatchItemKeepsItsKey() {
        try (SseTestClient client = SseTestClient.connect(uri("/stream?channel=sse&channel=team"))) {
            client.nextRetry();
            HttpResponse<String> sent = TestHttp.post(uri("/publish"),
                    "{\"channels\":[\"sse\",\"team\",\"audit\"],\"type\":\"notify\",\"data\":\"everyone\"}");
            String batch = "[{\"channels\":[\"sse\",\"team\"],\"type\":\"notify\",\"data\":\"keyed\","
                    + "\"idempotencyKey\":\"sample-item\"}]";
            HttpResponse<String> item = TestHttp.post(uri("/publish/batch"), batch);
            HttpResponse<String> repeat = TestHttp.post(uri("/publish/batch"), batch);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            ParsedEvent everyone = client.next();
            assertThat(everyone.data()).isEqualTo("everyone");
            assertThat(everyone.lastEventId()).isEqualTo(TestHttp.json(sent).path("id").asText());
            assertThat(client.next().data()).isEqualTo("keyed");
            assertThat(TestHttp.json(repeat).path("results").get(0).path("replayed").asBoolean()).isTrue();
            assertThat(TestHttp.json(repeat).path("results").get(0).path("id").asText())
                    .isEqualTo(TestHttp.json(item).path("results").get(0).path("id").asText());
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void thePageListensToTheStreamAndSendsNotifications() {
        HttpResponse<String> page = TestHttp.get(uri("/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("new EventSource('/stream')").contains("addEventListener('notify'")
                .contains("fetch('/send_notification'");
    }
}
