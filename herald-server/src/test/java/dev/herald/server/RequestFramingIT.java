package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.CapturedLog;
import dev.herald.testing.RawSocket;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.vertx.JsonHttp;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose body length is ambiguous (RFC 9112 6.3), and one Netty cannot decode, over a raw socket on loopback:
 * a JSON error with the right status, the connection closed, and nothing its body or the bytes after it hid was
 * published. A subscriber on the channel sees every publish that was executed.
 */
class RequestFramingIT {

    private static final String CHANNEL = "framing";
    private static final Duration QUIET = Duration.ofMillis(500);

    private static RunningServer herald;
    private SseTestClient subscriber;
    private CapturedLog ours;
    private CapturedLog router;

    @BeforeAll
    static void start() {
        herald = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    @BeforeEach
    void subscribe() {
        ours = CapturedLog.of(JsonHttp.class);
        router = CapturedLog.of(RoutingContext.class);
        subscriber = SseTestClient.connect(herald.uri("/stream?channel=" + CHANNEL));
        // the subscriber is live: what it does not receive later was not published
        assertThat(TestHttp.post(herald.uri("/publish"), publish("ready")).statusCode()).isEqualTo(200);
        assertThat(subscriber.next().data()).isEqualTo("ready");
    }

    @AfterEach
    void unsubscribe() {
        subscriber.assertNoMoreEvents(QUIET);
        subscriber.close();
        ours.assertNothingLogged();
        router.assertNothingLogged();
        ours.close();
        router.close();
    }

    private static String publish(String data) {
        return "{\"channel\":\"" + CHANNEL + "\",\"data\":\"" + data + "\"}";
    }

    /**
     * A publish whose body is framed by {@code framing} (header lines ending in CRLF), with a second publish pipelined
     * right behind it: a server that reads the body by its Content-Length executes both.
     */
    private static String smuggling(String framing) {
        String body = publish("hidden in the body");
        String behind = publish("smuggled behind");
        return "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + framing.replace("{length}", Integer.toString(body.getBytes(StandardCharsets.US_ASCII).length))
                + "\r\n" + body
                + "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + behind.length() + "\r\n\r\n" + behind;
    }

    /** Sends {@code request}, reads until the server closes, and checks the JSON error; returns the message. */
    private static String refusedAndClosed(String request, int status) throws IOException {
        String response;
        try (RawSocket socket = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            response = socket.send(request).readUntilClosed();
        }
        // Netty's answer to a head it could not decode says HTTP/1.0: it never learnt the request's version
        assertThat(response).as(request).matches("(?s)HTTP/1\\.[01] " + status + " .*");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(head).contains("content-type: application/json").contains("connection: close");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(body).startsWith("{\"status\":\"error\",\"message\":\"").endsWith("\"}");
        assertThat(response.indexOf("HTTP/1.", 1)).as("a single answer").isEqualTo(-1);
        return body;
    }

    @Test
    void anUnknownTransferCodingWithContentLengthIsRefusedAndNothingPublished() throws IOException {
        assertThat(refusedAndClosed(smuggling("Transfer-Encoding: xchunked\r\nContent-Length: {length}\r\n"), 400))
                .contains("both Transfer-Encoding and Content-Length");
    }

    @Test
    void gzipWithContentLengthIsRefusedAndNothingPublished() throws IOException {
        assertThat(refusedAndClosed(smuggling("Transfer-Encoding: gzip\r\nContent-Length: {length}\r\n"), 400))
                .contains("both Transfer-Encoding and Content-Length");
    }

    @Test
    void chunkedWithParametersAndContentLengthIsRefusedAndNothingPublished() throws IOException {
        assertThat(refusedAndClosed(smuggling("Transfer-Encoding: chunked;q=1\r\nContent-Length: {length}\r\n"), 400))
                .contains("both Transfer-Encoding and Content-Length");
    }

    @Test
    void aFinalCodingOtherThanChunkedIsRefusedAndNothingPublished() throws IOException {
        assertThat(refusedAndClosed(smuggling("Transfer-Encoding: chunked, gzip\r\n"), 400))
                .contains("chunked must be the last encoding");
        assertThat(refusedAndClosed(smuggling("Transfer-Encoding: chunked\r\nTransfer-Encoding: xchunked\r\n"), 400))
                .contains("not 'xchunked'");
    }

    @Test
    void conflictingContentLengthsAreRefusedAndNothingPublished() throws IOException {
        assertThat(refusedAndClosed(smuggling("Content-Length: {length}\r\nContent-Length: 3\r\n"), 400))
                .contains("Content-Length");
    }

    @Test
    void duplicateContentLengthsAreRefusedAndNothingPublished() throws IOException {
        assertThat(refusedAndClosed(smuggling("Content-Length: {length}\r\nContent-Length: {length}\r\n"), 400))
                .contains("Content-Length");
    }

    @Test
    void chunkedWithContentLengthIsRefusedAndNothingPublished() throws IOException {
        String hidden = publish("hidden in the chunks");
        String chunked = Integer.toHexString(hidden.length()) + "\r\n" + hidden + "\r\n0\r\n\r\n";
        String request = "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + chunked;
        assertThat(refusedAndClosed(request, 400)).contains("both Transfer-Encoding and Content-Length");
    }

    @Test
    void aFoldedHeaderLineIsRefusedAndNothingPublished() throws IOException {
        assertThat(refusedAndClosed(smuggling("X-Note: folded\r\n onto two lines\r\nContent-Length: {length}\r\n"),
                400)).contains("Obsolete line folding");
        assertThat(refusedAndClosed(smuggling("Content-Length: {length}\r\nX-Note: folded\r\n\twith a tab\r\n"),
                400)).contains("Obsolete line folding");
    }

    @Test
    void aFoldedContentLengthIsRefusedAndNothingPublished() throws IOException {
        // a proxy that joins the fold reads "Content-Length: 0 <n>" differently from one that drops the second line
        assertThat(refusedAndClosed(smuggling("Content-Length:\r\n {length}\r\n"), 400))
                .contains("Obsolete line folding");
    }

    @Test
    void aFoldInAPipelinedRequestIsRefusedAfterTheOneBeforeIsServed() throws IOException {
        // the first body holds CRLF and a space at a line's start: a body is not a head, and is not checked as one
        String first = "{\r\n \"channel\":\"" + CHANNEL + "\",\r\n \"data\":\"served\"\r\n}";
        String folded = publish("folded");
        String response;
        try (RawSocket socket = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            response = socket.send("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + first.length() + "\r\n\r\n" + first
                    + "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + folded.length() + "\r\nX-Note: a\r\n\tb\r\n\r\n" + folded).readUntilClosed();
        }
        assertThat(response).startsWith("HTTP/1.1 200 ");
        String second = response.substring(response.indexOf("HTTP/1.", 1));
        assertThat(second).matches("(?s)HTTP/1\\.[01] 400 .*").contains("Obsolete line folding");
        assertThat(subscriber.next().data()).isEqualTo("served");
    }

    @Test
    void aContentLengthPublishWithAWhitespaceBodyIsStillServed() throws IOException {
        String body = "{\r\n\t\"channel\": \"" + CHANNEL + "\",\r\n \"data\": \"by length\"\r\n}\r\n";
        String response;
        try (RawSocket socket = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            response = socket.send("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).readUntilClosed();
        }
        assertThat(response).startsWith("HTTP/1.1 200 ");
        assertThat(subscriber.next().data()).isEqualTo("by length");
    }

    @Test
    void theManagementPortRefusesAFoldToo() throws IOException {
        HeraldConfig config = HeraldConfig.defaults().withManagement(ManagementOptions.defaults().withPort(0));
        try (RunningServer withManagement = RunningServer.start(config);
             RawSocket socket = RawSocket.connect(URI.create("http://127.0.0.1:"
                     + withManagement.server().managementPort().orElseThrow() + "/"), "127.0.0.1")) {
            String response = socket.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: a\r\n b\r\n\r\n")
                    .readUntilClosed();
            assertThat(response).matches("(?s)HTTP/1\\.[01] 400 .*").contains("Obsolete line folding");
        }
    }

    @Test
    void anUnparsableRequestIsAJson400() throws IOException {
        assertThat(refusedAndClosed("GET /stream?channel=" + CHANNEL + " HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n", 400))
                .contains("cannot be parsed");
    }

    @Test
    void aRequestLineOverTheLimitIsAJson414() throws IOException {
        assertThat(refusedAndClosed("GET /stream?channel=" + "x".repeat(140_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                414)).contains("request line is longer than " + HeraldServer.MAX_REQUEST_LINE_BYTES + " bytes");
    }

    @Test
    void headersOverTheLimitAreAJson431() throws IOException {
        assertThat(refusedAndClosed("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(10_000)
                + "\r\n\r\n", 431)).contains("headers are larger than 8192 bytes");
    }

    @Test
    void aChunkedPublishIsStillServed() throws IOException {
        String body = publish("chunked");
        String response;
        try (RawSocket socket = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            response = socket.send("POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n").readUntilClosed();
        }
        assertThat(response).startsWith("HTTP/1.1 200 ");
        assertThat(subscriber.next().data()).isEqualTo("chunked");
    }
}
