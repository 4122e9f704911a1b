package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.RawSocket;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strict request decoder on the TLS listener, where HTTP/1.1 is chosen by ALPN after the handshake: a folded header
 * line and {@code Transfer-Encoding: chunked} with {@code Content-Length} are a JSON 400 and the connection closed,
 * with nothing published; an honest chunked publish is served. (HTTP/2 frames its own bodies and has no folding.)
 */
class RequestFramingTlsIT {

    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start(HeraldConfig.defaults().withProtocols(ProtocolOptions.withSelfSigned()));
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    private static final String BODY = "{\"channel\":\"framing-tls\",\"data\":\"over tls\"}";

    private static String post(String framing, String body) {
        return "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing + "\r\n"
                + body;
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    /** What the server answered before it closed the connection. */
    private static String answer(String request) throws IOException {
        try (RawSocket socket = RawSocket.connectTls(herald.uri("/"), Http2Clients.trustingAnyCertificate())) {
            return socket.send(request).readUntilClosed();
        }
    }

    private static void refusedAndNothingPublished(String request, String problem) throws IOException {
        long published = herald.stats().eventsPublished();
        String response = answer(request);
        assertThat(response).as(request).matches("(?s)HTTP/1\\.[01] 400 .*");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(head).contains("content-type: application/json").contains("connection: close");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4))
                .startsWith("{\"status\":\"error\",\"message\":\"").contains(problem).endsWith("\"}");
        assertThat(herald.stats().eventsPublished()).isEqualTo(published);
    }

    @Test
    void aFoldedHeaderLineIsRefusedOverTls() throws IOException {
        refusedAndNothingPublished(post("Content-Length: " + BODY.length() + "\r\nX-Note: a\r\n b\r\n", BODY),
                "Obsolete line folding");
    }

    @Test
    void chunkedWithContentLengthIsRefusedOverTls() throws IOException {
        refusedAndNothingPublished(post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", chunked(BODY)),
                "both Transfer-Encoding and Content-Length");
    }

    @Test
    void aChunkedPublishIsServedOverTls() throws IOException {
        long published = herald.stats().eventsPublished();
        assertThat(answer(post("Transfer-Encoding: chunked\r\nConnection: close\r\n", chunked(BODY))))
                .startsWith("HTTP/1.1 200 ");
        assertThat(herald.stats().eventsPublished()).isEqualTo(published + 1);
    }
}
