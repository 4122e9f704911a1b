package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.CapturedLog;
import dev.herald.testing.RawHttp;
import dev.herald.testing.TestHttp;
import dev.herald.vertx.JsonHttp;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paths Vert.x cannot decode are the client's error: a JSON 400 from the server's router, never a 500, and nothing in
 * the server's log. A query the routes cannot decode is herald-vertx's {@code MalformedRequestIT}.
 */
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

    private static void assertJson400(String pathAndQuery, String messagePart) throws IOException {
        // RawHttp sends the request line as it is: the JDK's URI refuses a malformed percent-encoding, as every
        // well-behaved client does, which is why a server must not trust that none arrives.
        String response = RawHttp.exchange(herald.uri("/"), ("GET " + pathAndQuery
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(10)).text();
        assertThat(response).as(pathAndQuery).startsWith("HTTP/1.1 400 ");
        assertThat(response.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4))
                .startsWith("{\"status\":\"error\",\"message\":\"").contains(messagePart);
    }

    @Test
    void aMalformedPercentEncodingInThePathIsA400() throws IOException {
        try (CapturedLog ours = CapturedLog.of(JsonHttp.class); CapturedLog router = CapturedLog.of(RoutingContext.class)) {
            assertJson400("/%zz", "Bad request");
            assertJson400("/stream%zz", "Bad request");
            assertJson400("/webjars/%zz", "Bad request");
            assertJson400("/app.js%zz", "Bad request");
            ours.assertNothingLogged();
            router.assertNothingLogged();
        }
    }

    @Test
    void theServerStillServesAfterwards() {
        assertThat(TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"still here\"}").statusCode()).isEqualTo(200);
    }
}
