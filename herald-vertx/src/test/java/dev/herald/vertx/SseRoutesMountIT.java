package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routes mounted under a prefix of an application's own router, as a Blueprint would be. */
class SseRoutesMountIT {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder(),
                routes -> routes.get("/hello").handler(ctx -> ctx.end("the application's own route")));
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
    }

    private static URI uri(String path) {
        return app.uri(path);
    }

    @Test
    void streamAndPublishLiveUnderThePrefix() {
        try (SseTestClient client = SseTestClient.connect(uri("/events/stream?channel=news"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.nextRetry()).isEqualTo(3000);

            HttpResponse<String> published = TestHttp.post(uri("/events/publish"),
                    "{\"channel\":\"news\",\"type\":\"headline\",\"data\":{\"title\":\"SSE\"}}");
            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(published.body()).startsWith("{\"status\":\"success\",\"id\":\"");

            ParsedEvent event = client.next();
            assertThat(event.type()).isEqualTo("headline");
            assertThat(event.data()).isEqualTo("{\"title\":\"SSE\"}");
            assertThat(published.body()).contains("\"" + event.lastEventId() + "\"");
        }
    }

    @Test
    void pollLivesUnderThePrefixToo() {
        HttpResponse<String> first = TestHttp.get(uri("/events/poll?channel=polled"));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).matches("\\{\"events\":\\[],\"next\":\"[^\"]+\",\"historyGone\":false}");
        String next = first.body().replaceAll(".*\"next\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> published = TestHttp.post(uri("/events/publish"), "{\"channel\":\"polled\",\"data\":\"hi\"}");
        String id = published.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> polled = TestHttp.get(uri("/events/poll?channel=polled&wait=5&since=" + next));

        assertThat(polled.body()).isEqualTo("{\"events\":[{\"id\":\"" + id + "\",\"type\":\"message\",\"data\":\"hi\"}],"
                + "\"next\":\"" + id + "\",\"historyGone\":false}");
    }

    @Test
    void theApplicationsOwnRoutesStillAnswer() {
        HttpResponse<String> response = TestHttp.request("GET", uri("/hello"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("the application's own route");
    }

    @Test
    void wrongMethodUnderThePrefixIsA405WithJson() {
        HttpResponse<String> response = TestHttp.request("PUT", uri("/events/stream"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(response.body()).contains("\"status\":\"error\"");
    }
}
