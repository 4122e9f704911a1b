package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.RawSocket;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code HEAD /stream} is a 405 naming GET, never a stream: the head of the JSON refusal a GET-less method gets, and no
 * content (RFC 9110 9.3.2), so the next request on the connection is read where it starts.
 */
class HeadStreamIT {

    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    @Test
    void headOfTheStreamIsA405WithAllowGetAndNoContent() throws IOException {
        try (RawSocket socket = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            String head = socket.send("HEAD /stream?channel=head HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").readHead();
            assertThat(head).startsWith("HTTP/1.1 405 ");
            String lower = head.toLowerCase(Locale.ROOT);
            assertThat(lower).contains("\r\nallow: get\r\n").contains("content-type: application/json")
                    .doesNotContain("text/event-stream");
            // no content followed: the next answer on the connection starts right after the head
            String next = socket.get("/nothing").readHead();
            assertThat(next).startsWith("HTTP/1.1 404 ");
            assertThat(herald.stats().streamsOpen()).isZero();
        }
    }
}
