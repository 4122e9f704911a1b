package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.TestHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * On the starter (Tomcat): a client that stops reading while far less than its buffer limit waits for it, on a channel
 * that then goes quiet, is dropped by time, within the slow-client timeout plus a heartbeat or two.
 */
@SpringBootTest(classes = {TestApplication.class, SpringStalledClientIT.SmallSendBuffer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        "herald.heartbeat=200ms",
        "herald.slow-client-timeout=1s",
        "herald.buffer-limit=1MB",
        "herald.publish-rate=100000"})
class SpringStalledClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final int EVENTS = 64;
    private static final String PADDING = "p".repeat(4096);

    /** A small socket send buffer, so that most of the burst waits in the sink's queue rather than in the kernel. */
    @TestConfiguration
    static class SmallSendBuffer {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffer() {
            return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("socket.txBufSize", "8192"));
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private HeraldNode node;

    @Test
    void aClientThatStopsReadingOnAQuietChannelIsDroppedByTime() throws Exception {
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream request = stalled.getOutputStream();
            request.write("GET /events/stream?channel=quiet HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> node.hub().stats().connections() == 1);

            long start = System.nanoTime();
            URI publish = URI.create("http://127.0.0.1:" + port + "/events/publish");
            for (int n = 0; n < EVENTS; n++) {
                assertThat(TestHttp.post(publish, "{\"channel\":\"quiet\",\"data\":\"" + n + " " + PADDING + "\"}")
                        .statusCode()).isEqualTo(200);
            }
            // Nothing more is published: only heartbeats, whose few bytes never fill a 1 MB buffer.
            await("the stalled client dropped").atMost(TIMEOUT.plus(Duration.ofSeconds(8)))
                    .pollInterval(Duration.ofMillis(20)).until(() -> node.hub().stats().subscribersDropped() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT);
            assertThat(readUntilEnded(stalled.getInputStream())).as("the server ended the stalled stream").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> node.hub().stats().connections() == 0);
        }
    }

    /**
     * Reads what the server sent; true when the response ends within the time allowed: its last chunk (the servlet API
     * cannot reset a connection, so the container completes the response and may keep the connection), or EOF.
     */
    private static boolean readUntilEnded(InputStream in) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        String tail = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int read;
            try {
                read = in.read(chunk);
            } catch (SocketException reset) {
                return true;
            }
            if (read < 0) {
                return true;
            }
            tail = tail + new String(chunk, 0, read, StandardCharsets.ISO_8859_1);
            tail = tail.substring(Math.max(0, tail.length() - 16));
            if (tail.endsWith("\r\n0\r\n\r\n")) {
                return true;
            }
        }
        return false;
    }
}
