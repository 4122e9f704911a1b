package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where the strict decoder looks for obsolete line folding: the head's lines after the request line, nothing else. */
class StrictRequestDecoderTest {

    private static boolean folded(String bytes) {
        ByteBuf in = Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII);
        try {
            return StrictRequestDecoder.foldedLineIn(in);
        } finally {
            in.release();
        }
    }

    @Test
    void aHeaderLineStartingWithASpaceOrTabIsAFold() {
        assertThat(folded("GET / HTTP/1.1\r\nX-Note: a\r\n b\r\n\r\n")).isTrue();
        assertThat(folded("GET / HTTP/1.1\r\nX-Note: a\r\n\tb\r\n\r\n")).isTrue();
    }

    @Test
    void aFoldIsFoundUnderBareLineFeedsToo() {
        assertThat(folded("GET / HTTP/1.1\nX-Note: a\n b\n\n")).isTrue();
    }

    @Test
    void whitespaceRightAfterTheRequestLineIsRefusedLikeAFold() {
        assertThat(folded("GET / HTTP/1.1\r\n Host: x\r\n\r\n")).isTrue();
    }

    @Test
    void aFoldIsFoundBeforeTheHeadHasFullyArrived() {
        assertThat(folded("GET / HTTP/1.1\r\nX-Note: a\r\n ")).isTrue();
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreSkippedAsTheDecoderSkipsThem() {
        assertThat(folded("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")).isFalse();
        assertThat(folded("\r\nGET / HTTP/1.1\r\nHost: x\r\n y\r\n\r\n")).isTrue();
    }

    @Test
    void theBodyAfterTheHeadIsNotLookedAt() {
        assertThat(folded("POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n{\r\n \"a\":1}")).isFalse();
        assertThat(folded("POST / HTTP/1.1\nContent-Length: 9\n\n{\n \"a\":1}")).isFalse();
    }

    @Test
    void anOrdinaryOrIncompleteHeadIsNoFold() {
        assertThat(folded("GET / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n")).isFalse();
        assertThat(folded("GET / HTTP/1.1\r\nHost: x\r")).isFalse();
        assertThat(folded("GET / HT")).isFalse();
    }
}
