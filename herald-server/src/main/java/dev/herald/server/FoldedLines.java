package dev.herald.server;

import io.netty.buffer.ByteBuf;

/**
 * Watches one request head, byte by byte as it arrives, for obsolete line folding (RFC 9112 5.2): a line after the
 * request line that starts with a space or tab. Each byte is looked at once, however the head is split across reads,
 * so a head trickled in a byte at a time costs no more than one sent whole. Pure: bytes in, a verdict out.
 *
 * <p>It follows the lines as Netty's decoder cuts them: control characters and whitespace before the request line are
 * skipped, a line ends at LF (a CR before it dropped), and the head ends at the first empty line; what follows (the
 * body) is not looked at until {@link #reset} starts the next head. Not thread-safe: one per connection, on its loop.
 */
final class FoldedLines {

    private enum State { BEFORE_REQUEST_LINE, REQUEST_LINE, LINE_START, CR_AT_LINE_START, IN_LINE, HEAD_ENDED }

    private State state = State.BEFORE_REQUEST_LINE;

    /** Starts watching the next request's head. */
    void reset() {
        state = State.BEFORE_REQUEST_LINE;
    }

    /** Whether the head has ended (its empty line seen): nothing more is looked at until {@link #reset}. */
    boolean headEnded() {
        return state == State.HEAD_ENDED;
    }

    /**
     * Reads the head's next bytes, {@code bytes[from, to)} by absolute index, without moving its indexes; stops at the
     * end of the head. True as soon as a folded line has started.
     */
    boolean foldIn(ByteBuf bytes, int from, int to) {
        for (int i = from; i < to && state != State.HEAD_ENDED; i++) {
            if (next(bytes.getByte(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean next(byte b) {
        switch (state) {
            case BEFORE_REQUEST_LINE -> {
                char c = (char) (b & 0xFF);
                if (!Character.isISOControl(c) && !Character.isWhitespace(c)) {
                    state = State.REQUEST_LINE;
                }
            }
            case REQUEST_LINE, IN_LINE -> {
                if (b == '\n') {
                    state = State.LINE_START;
                }
            }
            case LINE_START -> {
                if (b == ' ' || b == '\t') {
                    return true;
                }
                state = b == '\n' ? State.HEAD_ENDED : b == '\r' ? State.CR_AT_LINE_START : State.IN_LINE;
            }
            case CR_AT_LINE_START -> state = b == '\n' ? State.HEAD_ENDED : State.IN_LINE;
            case HEAD_ENDED -> { }
        }
        return false;
    }
}
