package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.BrokerFactory;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HistoryGone;
import dev.herald.hub.HubOptions;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /stream on the Vert.x routes: channels, resuming by Last-Event-ID, history that is gone, heartbeats, headers. */
class StreamIT {

    private static final int HISTORY = 5;
    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder()
                .broker(BrokerFactory.memory(new HistoryPolicy(HISTORY, Duration.ofHours(1))))
                .hub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3))));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private static String publish(String channel, String data) {
        HttpResponse<String> response = TestHttp.post(app.events("/publish"),
                "{\"channel\":\"" + channel + "\",\"type\":\"t\",\"data\":\"" + data + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static List<String> data(List<ParsedEvent> events) {
        return events.stream().map(ParsedEvent::data).toList();
    }

    @Test
    void aSubscriberGetsOnlyTheChannelsItNamed() {
        try (SseTestClient red = SseTestClient.connect(app.events("/stream?channel=red"));
             SseTestClient both = SseTestClient.connect(app.events("/stream?channel=red&channel=blue"))) {
            publish("blue", "b1");
            publish("red", "r1");
            publish("green", "g1");
            publish("blue", "b2");

            assertThat(red.next().data()).isEqualTo("r1");
            assertThat(data(both.next(3))).containsExactly("b1", "r1", "b2");
            red.assertNoMoreEvents(Duration.ofMillis(300));
            both.assertNoMoreEvents(Duration.ofMillis(100));
        }
    }

    @Test
    void aClientResumesWithLastEventIdWithoutGapOrDuplicate() {
        String lastSeen;
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=resume"))) {
            publish("resume", "1");
            assertThat(client.next().data()).isEqualTo("1");
            lastSeen = client.lastEventId();
        }
        publish("resume", "2");
        publish("resume", "3");
        try (SseTestClient back = SseTestClient.connect(app.events("/stream?channel=resume"),
                Map.of("Last-Event-ID", lastSeen))) {
            publish("resume", "4");
            assertThat(data(back.next(3))).containsExactly("2", "3", "4");
            back.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void aNewClientIsGivenAResumePointBeforeAnyEvent() {
        String resumePoint;
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=fresh"))) {
            assertThat(client.nextRetry()).isEqualTo(3000);
            org.awaitility.Awaitility.await().atMost(SseTestClient.WAIT).until(() -> !client.lastEventId().isEmpty());
            resumePoint = client.lastEventId();
        }
        publish("fresh", "sent while away");
        try (SseTestClient back = SseTestClient.connect(app.events("/stream?channel=fresh"),
                Map.of("Last-Event-ID", resumePoint))) {
            assertThat(back.next().data()).isEqualTo("sent while away");
        }
    }

    @Test
    void theLastEventIdQueryParameterWorksForClientsThatCannotSetHeaders() {
        String first = publish("query", "q1");
        publish("query", "q2");
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=query&lastEventId="
                + URLEncoder.encode(first, StandardCharsets.UTF_8)))) {
            assertThat(client.next().data()).isEqualTo("q2");
        }
    }

    @Test
    void severalChannelsResumeFromOneIdInPublishOrder() {
        String start = publish("left", "L0");
        publish("right", "R1");
        publish("left", "L2");
        publish("elsewhere", "X");
        publish("right", "R3");
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=left&channel=right"),
                Map.of("Last-Event-ID", start))) {
            publish("left", "L4");
            assertThat(data(client.next(4))).containsExactly("R1", "L2", "R3", "L4");
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void anIdThatHistoryNoLongerHoldsIsReportedThenHistoryFollows() {
        String old = publish("busy", "0");
        for (int i = 1; i <= HISTORY + 3; i++) {
            publish("busy", Integer.toString(i));
        }
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=busy"), Map.of("Last-Event-ID", old))) {
            ParsedEvent gone = client.next();
            assertThat(gone.type()).isEqualTo(HistoryGone.TYPE);
            assertThat(gone.data()).isEqualTo("{\"lastEventId\":\"" + old + "\",\"channels\":[\"busy\"]}");
            assertThat(data(client.next(HISTORY))).containsExactly("4", "5", "6", "7", "8");
        }
    }

    @Test
    void anUnknownIdIsReportedAsGone() {
        publish("unknown", "kept");
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=unknown"),
                Map.of("Last-Event-ID", "1-999999"))) {
            assertThat(client.next().type()).isEqualTo(HistoryGone.TYPE);
            assertThat(client.next().data()).isEqualTo("kept");
        }
    }

    @Test
    void heartbeatsKeepAnIdleStreamTalking() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=quiet"))) {
            assertThat(client.nextComment()).isEmpty();
            assertThat(client.nextComment()).isEmpty();
            client.assertNoMoreEvents(Duration.ofMillis(100));
        }
    }

    @Test
    void theStreamHasTheHeadersProxiesAndBrowsersNeed() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(client.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(client.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(client.nextRetry()).isEqualTo(3000);
        }
    }

    @Test
    void anInvalidChannelIsRefusedBeforeTheStreamOpens() {
        HttpResponse<String> empty = TestHttp.request("GET", app.events("/stream?channel="));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("{\"status\":\"error\",\"message\":\"channel name must not be empty\"}");
        HttpResponse<String> control = TestHttp.request("GET", app.events("/stream?channel=a%0Ab"));
        assertThat(control.statusCode()).isEqualTo(400);
        HttpResponse<String> tooLong = TestHttp.request("GET", app.events("/stream?channel=" + "x".repeat(201)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
    }
}
