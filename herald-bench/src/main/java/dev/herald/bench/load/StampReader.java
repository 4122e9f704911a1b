package dev.herald.bench.load;

/**
 * Reads the events of one stream straight from its bytes and hands on the {@link Stamp} of each benchmark event,
 * at a small fraction of the cost of Herald's general {@code SseParser}: the harness shares the machine with the
 * server it measures, so every cycle it spends parsing is one the server does not get.
 *
 * <p>Lines end at CR, LF or CRLF, also across chunks; comments and unknown fields are skipped, {@code id} and
 * {@code retry} told to listeners that want them (the drain bench's clients reconnect with them); one space after the
 * colon is stripped; an event is dispatched at a blank line if it had a data
 * line, as the WHATWG algorithm does. An event counts as a stamp only if its type is {@code bench} and its data
 * is one line of three whole numbers; any other event is reported as {@link Listener#onOther()}. Nothing is
 * allocated per event. Not thread-safe: one reader per stream.
 */
final class StampReader {

    /** Receives what the stream carries. */
    interface Listener {
        /** A benchmark event. */
        void onStamp(long seq, long sentNanos, long ackedBelow);

        /** An event that is not a benchmark event. */
        void onOther();

        /**
         * The last event id changed, as the spec's last event ID string does: at the blank line ending an event that
         * had an {@code id} field (Herald's resume point is such an event without data). The bytes are valid during
         * the call only.
         */
        default void onLastEventId(byte[] id, int length) {
        }

        /** A {@code retry} field of ASCII digits only: the reconnection time, in milliseconds. */
        default void onRetry(long millis) {
        }
    }

    /** Longer lines are not a stamp's and are only skipped. */
    private static final int MAX_LINE = 128;
    private static final byte[] BENCH = {'b', 'e', 'n', 'c', 'h'};
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};
    private static final int END = -1;

    private final Listener listener;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean lineTooLong;
    private boolean afterCr;

    private final byte[] data = new byte[MAX_LINE];
    private int dataLength;
    private int dataLines;
    private boolean dataTooLong;
    private boolean benchType;
    private final byte[] id = new byte[MAX_LINE];
    private int idLength;
    private boolean idChanged;
    /** The last number read by {@link #number(int, int)}. */
    private long number;

    StampReader(Listener listener) {
        this.listener = listener;
    }

    /** Feeds raw bytes of the stream. */
    void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Feeds {@code length} raw bytes of the stream from {@code bytes[offset]}. */
    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\r' || b == '\n') {
                endLine();
            } else if (lineLength < MAX_LINE) {
                line[lineLength++] = b;
            } else {
                lineTooLong = true;
            }
        }
    }

    private void endLine() {
        if (lineLength == 0 && !lineTooLong) {
            dispatch();
        } else if (line[0] != ':') {
            field();
        }
        lineLength = 0;
        lineTooLong = false;
    }

    private void field() {
        int colon = indexOfColon();
        int nameEnd = colon < 0 ? lineLength : colon;
        int valueStart = colon < 0 ? lineLength : colon + 1;
        if (valueStart < lineLength && line[valueStart] == ' ') {
            valueStart++;
        }
        if (nameIs(DATA, nameEnd)) {
            dataLines++;
            dataTooLong |= lineTooLong;
            dataLength = lineLength - valueStart;
            System.arraycopy(line, valueStart, data, 0, dataLength);
        } else if (nameIs(EVENT, nameEnd)) {
            benchType = !lineTooLong && lineLength - valueStart == BENCH.length && regionIs(BENCH, valueStart);
        } else if (nameIs(ID, nameEnd) && !lineTooLong) {
            idLength = lineLength - valueStart;
            System.arraycopy(line, valueStart, id, 0, idLength);
            idChanged = true;
        } else if (nameIs(RETRY, nameEnd) && !lineTooLong) {
            retry(valueStart);
        }
    }

    private void retry(int valueStart) {
        long millis = 0;
        for (int i = valueStart; i < lineLength; i++) {
            if (line[i] < '0' || line[i] > '9' || i - valueStart >= 18) {
                return;
            }
            millis = millis * 10 + (line[i] - '0');
        }
        if (lineLength > valueStart) {
            listener.onRetry(millis);
        }
    }

    private void dispatch() {
        if (idChanged) {
            idChanged = false;
            listener.onLastEventId(id, idLength);
        }
        if (dataLines > 0) {
            if (benchType && dataLines == 1 && !dataTooLong) {
                stamp();
            } else {
                listener.onOther();
            }
        }
        dataLines = 0;
        dataLength = 0;
        dataTooLong = false;
        benchType = false;
    }

    /** Reads {@code "<seq> <sentNanos> <ackedBelow>"} from the data without making a string of it. */
    private void stamp() {
        int afterSeq = number(0, ' ');
        long seq = number;
        int afterSent = afterSeq < 0 ? -1 : number(afterSeq, ' ');
        long sentNanos = number;
        int afterAcked = afterSent < 0 ? -1 : number(afterSent, END);
        if (afterAcked < 0) {
            listener.onOther();
        } else {
            listener.onStamp(seq, sentNanos, number);
        }
    }

    /**
     * Reads a whole number of at most 18 digits, perhaps negative, from {@code data[at]} into {@link #number};
     * returns the index after the separator that must follow it ({@link #END}: the end of the data), or -1.
     */
    private int number(int at, int separator) {
        boolean negative = at < dataLength && data[at] == '-';
        int start = negative ? at + 1 : at;
        int end = start;
        long value = 0;
        while (end < dataLength && end - start < 18 && data[end] >= '0' && data[end] <= '9') {
            value = value * 10 + (data[end++] - '0');
        }
        boolean separated = separator == END ? end == dataLength : end < dataLength && data[end] == separator;
        if (end == start || !separated) {
            return -1;
        }
        number = negative ? -value : value;
        return end + 1;
    }

    private int indexOfColon() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    private boolean nameIs(byte[] name, int nameEnd) {
        return nameEnd == name.length && regionIs(name, 0);
    }

    private boolean regionIs(byte[] expected, int from) {
        for (int i = 0; i < expected.length; i++) {
            if (line[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
