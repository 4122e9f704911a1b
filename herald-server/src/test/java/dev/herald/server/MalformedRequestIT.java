package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.CapturedLog;
import dev.herald.vertx.JsonHttp;
import dev.herald.vertx.testing.TestHttp;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests Vert.x cannot decode are the client's error: a JSON 400, never a 500, and nothing in the server's log. */
class MalformedRequestIT {

    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    /**
     * Sends a request line as it is, over a plain socket: the JDK's URI refuses a malformed percent-encoding, and
     * so does every well-behaved client, which is why a server must not trust that none arrives.
     */
    private static String rawGet(String pathAndQuery) throws IOException {
        URI base = herald.uri("/");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertJson400(String pathAndQuery, String messagePart) throws IOException {
        String response = rawGet(pathAndQuery);
        assertThat(response).as(pathAndQuery).startsWith("HTTP/1.1 400 ");
        assertThat(response.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4))
                .startsWith("{\"status\":\"error\",\"message\":\"").contains(messagePart);
    }

    @Test
    void aMalformedPercentEncodingInTheQueryIsA400NamingTheQuery() throws IOException {
        try (CapturedLog log = CapturedLog.of(JsonHttp.class)) {
            assertJson400("/stream?channel=%zz", "the query string is not valid percent-encoding");
            assertJson400("/stream?lastEventId=%zz", "the query string is not valid percent-encoding");
            assertJson400("/stream?channel=ok&channel=%4", "the query string is not valid percent-encoding");
            log.assertNothingLogged();
        }
    }

    @Test
    void aMalformedPercentEncodingInThePathIsA400() throws IOException {
        try (CapturedLog ours = CapturedLog.of(JsonHttp.class); CapturedLog router = CapturedLog.of(RoutingContext.class)) {
            assertJson400("/%zz", "Bad request");
            assertJson400("/stream%zz", "Bad request");
            assertJson400("/webjars/%zz", "Bad request");
            // decoded once by the router to "%", then again by the static files' handler
            assertJson400("/nothing%25", "the path cannot be decoded");
            assertJson400("/webjars/vue/%25", "the path cannot be decoded");
            ours.assertNothingLogged();
            router.assertNothingLogged();
        }
    }

    @Test
    void theServerStillServesAfterwards() {
        assertThat(TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"still here\"}").statusCode()).isEqualTo(200);
    }
}
