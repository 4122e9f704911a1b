package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.RawSocket;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strict request decoder on a cleartext port with h2c, where Vert.x picks HTTP/1.x or HTTP/2 from a connection's
 * first bytes ({@link H2cDecoding}): a folded header line and {@code Transfer-Encoding: chunked} with
 * {@code Content-Length} are a JSON 400 and the connection closed, with nothing published, in the first request of a
 * connection and in one pipelined behind it; the first request's body is kept; HTTP/2 still comes by upgrade.
 */
class RequestFramingH2cIT {

    private static final String BODY = "{\"channel\":\"framing-h2c\",\"data\":\"over h2c\"}";

    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start(HeraldConfig.defaults().withProtocols(ProtocolOptions.withH2c()));
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    private static String post(String framing, String body) {
        return "POST /publish HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing + "\r\n"
                + body;
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    /** What the server answered before it closed the connection. */
    private static String answer(String request) throws IOException {
        try (RawSocket socket = RawSocket.connect(herald.uri("/"), "127.0.0.1")) {
            return socket.send(request).readUntilClosed();
        }
    }

    private static void refused(String response, String problem) {
        assertThat(response).matches("(?s)HTTP/1\\.[01] 400 .*");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(head).contains("content-type: application/json").contains("connection: close");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4))
                .startsWith("{\"status\":\"error\",\"message\":\"").contains(problem).endsWith("\"}");
    }

    private static void refusedAndNothingPublished(String request, String problem) throws IOException {
        long published = herald.stats().eventsPublished();
        refused(answer(request), problem);
        assertThat(herald.stats().eventsPublished()).isEqualTo(published);
    }

    @Test
    void aFoldedHeaderLineIsRefusedOnAnH2cPort() throws IOException {
        refusedAndNothingPublished(post("Content-Length: " + BODY.length() + "\r\nX-Note: a\r\n b\r\n", BODY),
                "Obsolete line folding");
    }

    @Test
    void aFoldedContentLengthIsRefusedOnAnH2cPort() throws IOException {
        refusedAndNothingPublished(post("Content-Length:\r\n " + BODY.length() + "\r\n", BODY),
                "Obsolete line folding");
    }

    @Test
    void chunkedWithContentLengthIsRefusedOnAnH2cPort() throws IOException {
        refusedAndNothingPublished(post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", chunked(BODY)),
                "both Transfer-Encoding and Content-Length");
    }

    @Test
    void aFoldInARequestPipelinedBehindAServedOneIsRefused() throws IOException {
        long published = herald.stats().eventsPublished();
        String response = answer(post("Content-Length: " + BODY.length() + "\r\n", BODY)
                + post("Content-Length: " + BODY.length() + "\r\nX-Note: a\r\n\tb\r\n", BODY));
        assertThat(response).startsWith("HTTP/1.1 200 ");
        refused(response.substring(response.indexOf("HTTP/1.", 1)), "Obsolete line folding");
        assertThat(herald.stats().eventsPublished()).isEqualTo(published + 1);
    }

    @Test
    void theFirstRequestsBodyIsKeptByLengthAndByChunks() throws IOException {
        long published = herald.stats().eventsPublished();
        assertThat(answer(post("Content-Length: " + BODY.length() + "\r\nConnection: close\r\n", BODY)))
                .startsWith("HTTP/1.1 200 ");
        assertThat(answer(post("Transfer-Encoding: chunked\r\nConnection: close\r\n", chunked(BODY))))
                .startsWith("HTTP/1.1 200 ");
        assertThat(herald.stats().eventsPublished()).isEqualTo(published + 2);
    }

    @Test
    void http2StillComesByUpgradeOnTheSamePort() throws Exception {
        HttpClient client = Http2Clients.cleartext();
        // the JDK upgrades a first request without a body; the POST then goes over HTTP/2
        HttpResponse<String> upgraded = client.send(HttpRequest.newBuilder(herald.uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> published = Http2Clients.post(client, herald.uri("/publish"), BODY);
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
}
