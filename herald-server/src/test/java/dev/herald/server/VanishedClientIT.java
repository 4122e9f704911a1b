package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.publish.Publication;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops acknowledging on a quiet channel is let go by the kernel within {@code slow-client-timeout}
 * ({@code TCP_USER_TIMEOUT}), though nothing ever waits unwritten in Herald.
 *
 * <p>How the peer stops acknowledging: loopback cannot lose packets here (no netem qdisc, no packet filter), so the
 * client keeps a tiny receive buffer and never reads. Once its window is closed, the server's kernel holds what it
 * sends (a few events, then heartbeats) and probes the zero window; Linux (5.11 and later) bounds that wait by
 * {@code TCP_USER_TIMEOUT} as it bounds retransmissions to a peer that vanished, and the heartbeats all fit the
 * server's send buffer, so the slow-client check (which watches only what Netty holds) never fires: the same position
 * as a vanished client's.
 */
class VanishedClientIT {

    private static final Duration SLOW_CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final String KILOBYTE = "k".repeat(1024);

    @Test
    void aClientThatStopsAcknowledgingOnAQuietChannelIsDroppedWithinTheSlowClientTimeout() throws Exception {
        RunningServer herald = RunningServer.start(config(true));
        try {
            silentStream(herald);
            long windowClosed = fillTheWindow(herald);

            await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 0);
            Duration dropped = Duration.ofNanos(System.nanoTime() - windowClosed);
            // the bound: the user timeout, the zero-window probe that notices it (probes back off from 200 ms), a tick
            assertThat(dropped).as("time from the closed window to the drop")
                    .isLessThan(SLOW_CLIENT_TIMEOUT.multipliedBy(4));
            assertThat(herald.stats().subscribersDropped()).as("dropped as stalled by Herald's own check").isZero();
            // its address's one place is given back: the client's next stream is admitted, not refused 429
            assertThat(streamStatus(herald)).isEqualTo(200);
        } finally {
            herald.close();
        }
    }

    /** Without the native transport the JDK cannot set the option: the same client stays, as documented. */
    @Test
    void underNioTheSameClientStaysBeyondTheBound() throws Exception {
        RunningServer herald = RunningServer.start(config(false));
        try {
            silentStream(herald);
            fillTheWindow(herald);

            await().during(SLOW_CLIENT_TIMEOUT.multipliedBy(4)).atMost(SLOW_CLIENT_TIMEOUT.multipliedBy(5))
                    .until(() -> herald.stats().streamsOpen() == 1);
            assertThat(herald.stats().subscribersDropped()).isZero();
        } finally {
            herald.close();
        }
    }

    private static HeraldConfig config(boolean nativeTransport) {
        return HeraldConfig.defaults()
                .withHub(new HubOptions(HEARTBEAT, Duration.ofSeconds(3), SLOW_CLIENT_TIMEOUT))
                .withLimits(LimitsOptions.builder().maxStreamsPerClient(1).build())
                .withLoops(new EventLoopOptions(1, nativeTransport));
    }

    /** The status a new stream from the same address is answered with. */
    private static int streamStatus(RunningServer herald) throws Exception {
        // answered once the head arrives; the body (an endless stream when admitted) is closed unread
        HttpResponse<InputStream> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        herald.uri("/stream?channel=quiet")).build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        response.body().close();
        return response.statusCode();
    }

    /** The silent clients' sockets, open until the test ends. */
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** A stream on a channel nobody publishes to, from a socket with a tiny receive buffer that is never read. */
    private void silentStream(RunningServer herald) throws Exception {
        Socket silent = new Socket();
        sockets.add(silent);
        silent.setReceiveBufferSize(1024);
        silent.connect(new InetSocketAddress("127.0.0.1", herald.uri("/").getPort()));
        OutputStream request = silent.getOutputStream();
        request.write("GET /stream?channel=quiet HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        request.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 1);
    }

    /**
     * Sends a few kilobytes, more than the client's window and far less than the server's send buffer, so that all of
     * it is taken by the kernel at once: nothing waits in Herald. Returns when the last was delivered to the stream.
     */
    private static long fillTheWindow(RunningServer herald) {
        for (int i = 0; i < 8; i++) {
            herald.server().herald().publish(Publication.of("fill", KILOBYTE).onChannel("quiet"))
                    .toCompletableFuture().join();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().eventsDelivered() == 8);
        return System.nanoTime();
    }
}
