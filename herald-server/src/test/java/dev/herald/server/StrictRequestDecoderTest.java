package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strict decoder over Netty's own channel, fed as the network would: whole, in pieces, a byte at a time, several
 * requests back to back. What it hands on is a request whose decoder result says whether it was refused.
 */
class StrictRequestDecoderTest {

    private static final String GOOD = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
    /** A body with CRLF and a space at a line's start: not a head, so not a fold. */
    private static final String BODY = "{\r\n \"x\": 1\r\n}";
    private static final String POST = "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
    private static final String FOLDED = "GET /c HTTP/1.1\r\nHost: x\r\nX-Note: a\r\n\tb\r\n\r\n";

    /** The requests decoded from {@code pieces}, each as "uri ok" or "uri refused: message". */
    private static List<String> decode(String... pieces) {
        EmbeddedChannel channel = new EmbeddedChannel(new StrictRequestDecoder(new HttpServerOptions()));
        for (String piece : pieces) {
            channel.writeInbound(Unpooled.copiedBuffer(piece, StandardCharsets.US_ASCII));
        }
        channel.finish();
        List<String> requests = new ArrayList<>();
        for (HttpObject decoded; (decoded = channel.readInbound()) != null; ) {
            if (decoded instanceof HttpRequest request) {
                requests.add(request.decoderResult().isSuccess() ? request.uri() + " ok"
                        : "refused: " + request.decoderResult().cause().getMessage());
            }
            if (!(decoded instanceof LastHttpContent) || decoded != LastHttpContent.EMPTY_LAST_CONTENT) {
                ReferenceCountUtil.release(decoded);
            }
        }
        return requests;
    }

    private static String[] byteByByte(String bytes) {
        return bytes.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new);
    }

    @Test
    void honestRequestsBackToBackAreDecoded() {
        assertThat(decode(GOOD + POST + GOOD)).containsExactly("/a ok", "/b ok", "/a ok");
        assertThat(decode(byteByByte(GOOD + POST + GOOD))).containsExactly("/a ok", "/b ok", "/a ok");
    }

    @Test
    void aFoldIsRefusedAndNothingAfterItDecoded() {
        assertThat(decode(FOLDED + GOOD)).singleElement().asString().startsWith("refused: Obsolete line folding");
        assertThat(decode(GOOD + POST + FOLDED + GOOD))
                .containsExactly("/a ok", "/b ok", "refused: Obsolete line folding is not accepted: a header line"
                        + " must not start with a space or tab (RFC 9112 5.2)");
    }

    @Test
    void aFoldIsRefusedWhenItArrivesAfterTheLinesBeforeItWereDecoded() {
        // Netty has consumed the request line and the header line by the time the fold's first byte arrives
        assertThat(decode("GET /c HTTP/1.1\r\nX-Note: a\r\n", "\tb\r\n\r\n")).singleElement().asString()
                .startsWith("refused: Obsolete line folding");
        assertThat(decode(byteByByte(POST + FOLDED))).containsExactly("/b ok", "refused: Obsolete line folding is not"
                + " accepted: a header line must not start with a space or tab (RFC 9112 5.2)");
    }

    @Test
    void chunkedWithContentLengthIsRefused() {
        assertThat(decode("POST /d HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + GOOD)).singleElement().asString().contains("both Transfer-Encoding and Content-Length");
    }
}
