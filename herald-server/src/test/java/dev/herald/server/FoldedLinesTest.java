package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where obsolete line folding is looked for: the head's lines after the request line, nothing else. */
class FoldedLinesTest {

    /** Feeds {@code bytes} whole. */
    private static boolean folded(String bytes) {
        return folded(new FoldedLines(), bytes);
    }

    private static boolean folded(FoldedLines head, String bytes) {
        ByteBuf in = Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII);
        try {
            return head.foldIn(in, in.readerIndex(), in.writerIndex());
        } finally {
            in.release();
        }
    }

    /** Feeds {@code bytes} one byte at a time, as a trickling client sends them. */
    private static boolean foldedByteByByte(String bytes) {
        FoldedLines head = new FoldedLines();
        for (char c : bytes.toCharArray()) {
            if (folded(head, String.valueOf(c))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aHeaderLineStartingWithASpaceOrTabIsAFold() {
        assertThat(folded("GET / HTTP/1.1\r\nX-Note: a\r\n b\r\n\r\n")).isTrue();
        assertThat(folded("GET / HTTP/1.1\r\nX-Note: a\r\n\tb\r\n\r\n")).isTrue();
    }

    @Test
    void aFoldIsFoundHoweverTheHeadIsSplit() {
        assertThat(foldedByteByByte("GET / HTTP/1.1\r\nX-Note: a\r\n b\r\n\r\n")).isTrue();
        assertThat(foldedByteByByte("GET / HTTP/1.1\r\nX-Note: a\r\nHost: x\r\n\r\n")).isFalse();
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
    void whitespaceAndControlsBeforeTheRequestLineAreSkippedAsTheDecoderSkipsThem() {
        assertThat(folded("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")).isFalse();
        assertThat(folded("\r\n \tGET / HTTP/1.1\r\nHost: x\r\n y\r\n\r\n")).isTrue();
    }

    @Test
    void theBodyAfterTheHeadIsNotLookedAtUntilTheNextHead() {
        FoldedLines head = new FoldedLines();
        assertThat(folded(head, "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n{\r\n \"a\":1}")).isFalse();
        assertThat(head.headEnded()).isTrue();
        assertThat(folded(head, "\r\n nothing here is a head")).isFalse();
        head.reset();
        assertThat(folded(head, "GET / HTTP/1.1\r\n x\r\n\r\n")).isTrue();
        assertThat(folded("POST / HTTP/1.1\nContent-Length: 9\n\n{\n \"a\":1}")).isFalse();
    }

    @Test
    void anOrdinaryOrIncompleteHeadIsNoFold() {
        assertThat(folded("GET / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n")).isFalse();
        assertThat(folded("GET / HTTP/1.1\r\nHost: x\r")).isFalse();
        assertThat(folded("GET / HT")).isFalse();
    }
}
