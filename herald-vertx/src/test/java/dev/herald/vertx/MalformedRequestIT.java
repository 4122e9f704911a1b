package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.CapturedLog;
import dev.herald.testing.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query the routes cannot decode is the client's error: a JSON 400, never a 500, and nothing in the log. A path the
 * application's router cannot decode is the application's to answer (herald-server's {@code MalformedRequestIT}).
 */
class MalformedRequestIT {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void assertJson400(String pathAndQuery, String messagePart) throws IOException {
        // RawHttp sends the request line as it is: the JDK's URI refuses a malformed percent-encoding, as every
        // well-behaved client does, which is why a server must not trust that none arrives.
        String response = RawHttp.exchange(app.events(), ("GET " + pathAndQuery
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(10)).text();
        assertThat(response).as(pathAndQuery).startsWith("HTTP/1.1 400 ");
        assertThat(response.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4))
                .startsWith("{\"status\":\"error\",\"message\":\"").contains(messagePart);
    }

    @Test
    void aMalformedPercentEncodingInTheQueryIsA400NamingTheQuery() throws IOException {
        try (CapturedLog log = CapturedLog.of(JsonHttp.class)) {
            assertJson400("/events/stream?channel=%zz", "the query string is not valid percent-encoding");
            assertJson400("/events/stream?lastEventId=%zz", "the query string is not valid percent-encoding");
            assertJson400("/events/stream?channel=ok&channel=%4", "the query string is not valid percent-encoding");
            log.assertNothingLogged();
        }
    }
}
