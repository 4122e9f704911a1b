package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.limits.LimitsOptions;
import dev.herald.testing.RawSocket;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stream limits over HTTP on the Vert.x routes: a client address over its own limit gets 429; a stream over the node's cap gets a
 * stream that only says when to retry, and ends.
 */
class StreamLimitsIT {

    private static MountedHerald start(int maxStreams, int maxStreamsPerClient) throws Exception {
        return MountedHerald.start(Herald.builder().limits(
                LimitsOptions.builder().maxStreams(maxStreams).maxStreamsPerClient(maxStreamsPerClient).build()));
    }

    @Test
    void aStreamOverTheNodeCapIsToldToRetryLaterAndEndsWhileTheOthersKeepReceiving() throws Exception {
        try (MountedHerald app = start(3, 10)) {
            List<SseTestClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(SseTestClient.connect(app.events("/stream?channel=cap")));
                    assertThat(open.get(i).nextRetry()).isEqualTo(3000);
                }
                try (SseTestClient shed = SseTestClient.connect(app.events("/stream?channel=cap"))) {
                    assertThat(shed.status()).as("a browser gives up on anything but a stream").isEqualTo(200);
                    assertThat(shed.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
                    assertThat(shed.nextRetry()).isBetween(5_000L, 15_000L);
                    shed.ended().get(10, TimeUnit.SECONDS);
                    shed.assertNoMoreEvents(Duration.ZERO);
                }
                assertThat(app.stats().streamsOpen()).as("the shed stream never joined the hub").isEqualTo(3);

                assertThat(TestHttp.post(app.events("/publish"), "{\"channel\":\"cap\",\"data\":\"still here\"}").statusCode())
                        .isEqualTo(200);
                for (SseTestClient client : open) {
                    assertThat(client.next().data()).isEqualTo("still here");
                }

                open.remove(0).close();
                await().atMost(Duration.ofSeconds(10)).until(() -> admitted(app, open));
            } finally {
                open.forEach(SseTestClient::close);
            }
        }
    }

    /** Opens a stream; keeps it if it is a real one (its opening retry is the hub's), else closes it. */
    private static boolean admitted(MountedHerald app, List<SseTestClient> open) {
        SseTestClient client = SseTestClient.connect(app.events("/stream?channel=cap"));
        if (client.status() == 200 && client.nextRetry() == 3000) {
            open.add(client);
            return true;
        }
        client.close();
        return false;
    }

    @Test
    void anAddressOverItsStreamLimitIsRefusedWith429WhileOtherAddressesAreServed() throws Exception {
        try (MountedHerald app = start(10, 2);
             SseTestClient second = SseTestClient.connect(app.events("/stream"))) {
            SseTestClient first = SseTestClient.connect(app.events("/stream")); // closed below
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);

            HttpResponse<String> refused = TestHttp.get(app.events("/stream"));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(refused.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Too many streams open from this "
                    + "client address: at most 2; close one or retry later\"}");

            try (RawSocket other = RawSocket.connect(app.events(), "127.0.0.2").get("/events/stream")) {
                assertThat(other.readHead()).startsWith("HTTP/1.1 200 OK").contains("text/event-stream");
            }

            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> reopened(app));
        }
    }

    /** Whether 127.0.0.1 may open a stream again (which is then closed). */
    private static boolean reopened(MountedHerald app) {
        try (SseTestClient again = SseTestClient.connect(app.events("/stream"))) {
            return again.status() == 200;
        }
    }
}
