package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.TestHttp;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Herald's lines go through SLF4J into the application's logging (Boot's Logback here) with no setup of their own:
 * Boot's {@code logging.level.*} sets their level and Boot's console writes them in the application's format.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = {TestApplication.class, SpringStalledClientIT.SmallSendBuffer.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        "herald.buffer-limit=1KB",
        "herald.publish-rate=100000",
        "logging.level.dev.herald.hub.Subscriber=info"})
class SpringLoggingIT {

    private static final String PADDING = "p".repeat(4096);

    @LocalServerPort
    private int port;

    @Autowired
    private HeraldNode node;

    @Autowired
    private LoggingSystem logging;

    /** The level back to the tests' warn, for the next test's application, which Boot configures over this one. */
    @AfterEach
    void restoreLevel() {
        logging.setLogLevel("dev.herald.hub.Subscriber", null);
    }

    @Test
    void aHeraldLineReachesBootsLoggingAtTheLevelBootSets(CapturedOutput output) throws Exception {
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream request = stalled.getOutputStream();
            request.write("GET /events/stream?channel=full HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> node.hub().stats().connections() == 1);

            // A client that reads nothing, and more than its 1 KiB buffer and the sockets' buffers hold for it.
            URI publish = URI.create("http://127.0.0.1:" + port + "/events/publish");
            for (int n = 0; n < 256 && node.hub().stats().subscribersDropped() == 0; n++) {
                assertThat(TestHttp.post(publish, "{\"channel\":\"full\",\"data\":\"" + n + " " + PADDING + "\"}")
                        .statusCode()).isEqualTo(200);
            }
            await("the client dropped").atMost(Duration.ofSeconds(10))
                    .until(() -> node.hub().stats().subscribersDropped() == 1);
        }
        // logback-test.xml's pattern: time, level, [thread], logger, " - ", message
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains(
                "INFO  ") && output.getAll().contains("dev.herald.hub.Subscriber - dropping a subscriber of [full]: "
                + "its outbound buffer is full; it will resume from its last event id"));
        assertThat(output.getAll()).doesNotContainPattern("(?m)^SLF4J");
    }
}
