package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.publish.Publication;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.CountingSubscriber;
import io.vertx.core.http.HttpServerOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while far less than its buffer limit waits for it, on a channel that then goes quiet,
 * is dropped by time: within the slow-client timeout plus one heartbeat, though no event ever finds its buffer full.
 */
class StalledClientIT {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Far more than the buffer limit needs: the drop must come from the timeout. */
    private static final int BUFFER_LIMIT = 1024 * 1024;
    /** A quarter of the limit: more than the small socket buffers on both sides take, far less than the limit. */
    private static final int EVENTS = 64;
    private static final String PADDING = "p".repeat(4096);

    @Test
    void aClientThatStopsReadingOnAQuietChannelIsDroppedWithinTheTimeoutPlusAHeartbeat() throws Exception {
        // The socket's send buffer is small, as herald-server sets it, so that most of the burst waits in Netty.
        HttpServerOptions server = new HttpServerOptions().setSendBufferSize(8 * 1024);
        try (MountedHerald app = MountedHerald.start(Herald.builder()
                        .hub(new HubOptions(HEARTBEAT, Duration.ofSeconds(3), TIMEOUT))
                        .routes(new SseRoutesOptions(BUFFER_LIMIT, 64 * 1024, 64)), router -> { }, server);
             Socket stalled = new Socket();
             CountingSubscriber healthy = new CountingSubscriber(app.events("/stream?channel=quiet"))) {
            stalled.setReceiveBufferSize(4096);
            stalled.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            stalled.connect(new InetSocketAddress("127.0.0.1", app.events().getPort()));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /events/stream?channel=quiet HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> app.stats().streamsOpen() == 2);

            long start = System.nanoTime();
            for (int n = 0; n < EVENTS; n++) {
                app.herald.publish(Publication.of("load", n + " " + PADDING).onChannel("quiet")).toCompletableFuture().join();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.received() == EVENTS);

            // Nothing more is published: only the heartbeat, whose few bytes never fill a 1 MiB buffer.
            await("the stalled client dropped").atMost(TIMEOUT.plus(HEARTBEAT).plus(Duration.ofSeconds(5)))
                    .pollInterval(Duration.ofMillis(20)).until(() -> app.stats().subscribersDropped() == 1);
            Duration tookToDrop = Duration.ofNanos(System.nanoTime() - start);
            assertThat(tookToDrop).as("not before its data waited the timeout").isGreaterThanOrEqualTo(TIMEOUT);

            assertThat(readUntilClosed(stalled.getInputStream())).as("the server closed the stalled stream").isTrue();
            assertThat(app.stats().streamsOpen()).isEqualTo(1);
            app.herald.publish(Publication.of("load", Integer.toString(EVENTS)).onChannel("quiet")).toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.received() == EVENTS + 1);
            assertThat(healthy.firstError()).isNull();
            assertThat(app.stats().subscribersDropped()).as("the reader is not stalled").isEqualTo(1);
        }
    }

    /** Reads what the server sent; true when the stream ends (EOF) within the time allowed. */
    private static boolean readUntilClosed(InputStream in) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(chunk) < 0) {
                    return true;
                }
            } catch (SocketException reset) {
                return true; // aborted: the connection was reset
            }
        }
        return false;
    }
}
