package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application's port served by two event loops: Vert.x hands connections to the loops' listeners in turn, so eight
 * streams are four per loop, and an event published through either loop reaches every stream once, in order. Stopping
 * closes the port on both loops and ends every stream.
 */
class EventLoopsIT {

    private static final int STREAMS = 8;
    private static final int EVENTS = 20;

    @Test
    void everyStreamOnEitherLoopReceivesEveryEventInOrderAndStopEndsThemAll() throws Exception {
        HeraldServer server = HeraldServer.start(HeraldConfig.defaults().withPort(0)
                        .withLoops(new EventLoopOptions(2, true)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        int port = server.port();
        List<SseTestClient> streams = new ArrayList<>();
        try {
            assertThat(server.eventLoopThreads()).as("one listener on each of two loops").hasSize(2);
            for (int i = 0; i < STREAMS; i++) {
                streams.add(SseTestClient.connect(uri(port, "/stream?channel=loops")));
            }
            for (SseTestClient stream : streams) {
                assertThat(stream.status()).isEqualTo(200);
                stream.nextRetry(); // open: what is published from here on reaches it
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.herald().stats().streamsOpen() == STREAMS);

            // two publishers, each on a keep-alive connection of its own, handed to the two loops in turn: events
            // published on either loop reach the streams of both, in the broker's order
            HttpClient[] publishers = {HttpClient.newHttpClient(), HttpClient.newHttpClient()};
            for (int n = 0; n < EVENTS; n++) {
                HttpRequest publish = HttpRequest.newBuilder(uri(port, "/publish"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"loops\",\"data\":\"" + n + "\"}"))
                        .build();
                assertThat(publishers[n % 2].send(publish, HttpResponse.BodyHandlers.ofString()).statusCode())
                        .isEqualTo(200);
            }

            for (SseTestClient stream : streams) {
                List<ParsedEvent> received = stream.next(EVENTS);
                for (int n = 0; n < EVENTS; n++) {
                    assertThat(received.get(n).data()).isEqualTo(String.valueOf(n));
                }
            }
            streams.forEach(stream -> stream.assertNoMoreEvents(Duration.ofMillis(200)));
            assertThat(server.herald().stats().eventsDelivered()).isEqualTo((long) STREAMS * EVENTS);
        } finally {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        for (SseTestClient stream : streams) {
            stream.ended().get(10, TimeUnit.SECONDS);
            stream.close();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .as("no loop listens any more").isInstanceOf(IOException.class);
    }

    @Test
    void oneLoopServesAsBefore() throws Exception {
        try (RunningServer herald = RunningServer.start(HeraldConfig.defaults().withLoops(new EventLoopOptions(1, false)));
             SseTestClient stream = SseTestClient.connect(herald.uri("/stream?channel=one"))) {
            assertThat(herald.server().eventLoopThreads()).hasSize(1);
            stream.nextRetry();
            assertThat(TestHttp.post(herald.uri("/publish"), "{\"channel\":\"one\",\"data\":\"hello\"}").statusCode())
                    .isEqualTo(200);
            assertThat(stream.next().data()).isEqualTo("hello");
        }
    }

    private static URI uri(int port, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }
}
