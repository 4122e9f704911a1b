package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a client puts its cursor, over HTTP to the Vert.x routes, for the stream and the poll alike: the Last-Event-ID header, each query
 * name, since, rewind, and their precedence.
 */
class CursorIT {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Publishes {@code data...} on {@code channel}; returns their ids. */
    private static List<String> publish(String channel, String... data) {
        return Stream.of(data).map(d -> {
            HttpResponse<String> response = TestHttp.post(app.events("/publish"),
                    "{\"channel\":\"" + channel + "\",\"data\":\"" + d + "\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        }).toList();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What a stream of {@code query} (and headers) receives: {@code count} events, then nothing more. */
    private static List<String> streamed(String query, Map<String, String> headers, int count) {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?" + query), headers)) {
            List<String> data = client.next(count).stream().map(ParsedEvent::data).toList();
            client.assertNoMoreEvents(Duration.ofMillis(200));
            return data;
        }
    }

    private static List<String> polled(String query, String... headers) {
        return Polls.poll(app.events("/poll?" + query), headers).data();
    }

    static Stream<String> queryNames() {
        return Stream.of("lastEventId", "last_event_id", "Last-Event-ID", "since");
    }

    @ParameterizedTest(name = "?{0}=")
    @MethodSource("queryNames")
    void eachQueryNameResumesAStreamAndAPoll(String name) {
        String channel = "q-" + name.toLowerCase().replace('_', '-');
        List<String> ids = publish(channel, "1", "2", "3");
        String query = "channel=" + channel + "&" + q(name) + "=" + q(ids.get(0));

        assertThat(streamed(query, Map.of(), 2)).containsExactly("2", "3");
        assertThat(polled(query)).containsExactly("2", "3");
    }

    @Test
    void theHeaderResumesAStreamAndAPoll() {
        List<String> ids = publish("header", "1", "2", "3");

        assertThat(streamed("channel=header", Map.of("Last-Event-ID", ids.get(1)), 1)).containsExactly("3");
        assertThat(polled("channel=header", "Last-Event-ID", ids.get(1))).containsExactly("3");
    }

    @Test
    void rewindSendsTheNewestEventsToAStreamAndAPoll() {
        publish("rewound", "1", "2", "3", "4");
        publish("other", "x");

        assertThat(streamed("channel=rewound&rewind=2", Map.of(), 2)).containsExactly("3", "4");
        Polls.Answer answer = Polls.poll(app.events("/poll?channel=rewound&rewind=2"));
        assertThat(answer.data()).containsExactly("3", "4");
        assertThat(answer.next()).isEqualTo(answer.events().get(1).id());
    }

    @Test
    void aStreamGoesLiveAfterItsRewind() {
        publish("rewind-live", "old");
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=rewind-live&rewind=5"))) {
            assertThat(client.next().data()).isEqualTo("old");
            publish("rewind-live", "new");
            assertThat(client.next().data()).isEqualTo("new");
            client.assertNoMoreEvents(Duration.ofMillis(200));
        }
    }

    @Test
    void theHeaderWinsOverTheQueryWhichWinsOverSinceWhichWinsOverRewind() {
        List<String> ids = publish("order", "1", "2", "3", "4");
        String header = ids.get(2);
        String query = "channel=order&lastEventId=" + q(ids.get(1)) + "&since=" + q(ids.get(0)) + "&rewind=4";

        assertThat(streamed(query, Map.of("Last-Event-ID", header), 1)).as("header").containsExactly("4");
        assertThat(polled(query, "Last-Event-ID", header)).as("header").containsExactly("4");
        assertThat(streamed(query, Map.of(), 2)).as("query name").containsExactly("3", "4");
        assertThat(polled(query)).as("query name").containsExactly("3", "4");
        String sinceAndRewind = "channel=order&since=" + q(ids.get(0)) + "&rewind=1";
        assertThat(streamed(sinceAndRewind, Map.of(), 3)).as("since").containsExactly("2", "3", "4");
        assertThat(polled(sinceAndRewind)).as("since").containsExactly("2", "3", "4");
    }

    @Test
    void aBadRewindIsRefusedByTheStreamAsByThePoll() {
        for (String path : List.of("/stream?rewind=abc", "/stream?rewind=-2", "/poll?rewind=abc", "/poll?rewind=-2")) {
            HttpResponse<String> response = TestHttp.get(app.events(path));
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).as(path).startsWith("{\"status\":\"error\",\"message\":\"rewind must be a whole number");
        }
    }
}
