package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.publish.Publication;
import dev.herald.request.SseRoutesOptions;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The buffer limit means what it says: with the socket's send buffer capped at half of it, a client that reads nothing
 * is dropped once a few times the limit was sent to it, not once the kernel has taken megabytes.
 */
class SlowClientIT {

    private static final int BUFFER_LIMIT = 64 * 1024;
    /** Half the limit in Netty's queue, the limit in the kernel's send buffer, the client's small receive buffer. */
    private static final int MOST_SENT_BEFORE_THE_DROP = 4 * BUFFER_LIMIT;
    private static final String PADDING = "p".repeat(4096);

    @Test
    void aClientThatReadsNothingIsDroppedOnceAFewTimesTheBufferLimitWasSentToIt() throws Exception {
        // A timeout far longer than the test: the drop must come from the bytes.
        RunningServer herald = RunningServer.start(HeraldConfig.defaults()
                .withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofMinutes(10)))
                .withRoutes(SseRoutesOptions.defaults().withBufferLimitBytes(BUFFER_LIMIT)));
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", herald.uri("/").getPort()));
            OutputStream request = stalled.getOutputStream();
            request.write("GET /stream?channel=load HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 1);

            int sent = 0;
            while (herald.stats().subscribersDropped() == 0) {
                assertThat(sent).as("bytes sent to a client that reads nothing, still not dropped")
                        .isLessThan(MOST_SENT_BEFORE_THE_DROP);
                herald.server().herald().publish(Publication.of("load", PADDING).onChannel("load"))
                        .toCompletableFuture().join();
                sent += PADDING.length();
                // Each event reaches the stream before the next is sent: its bytes are counted where they wait.
                int expected = sent;
                await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().eventsDelivered() * PADDING.length()
                        >= expected || herald.stats().subscribersDropped() > 0);
            }
            assertThat(herald.stats().subscribersDropped()).isEqualTo(1);
        } finally {
            herald.close();
        }
    }
}
