package dev.herald.bench.load;

/**
 * What the data of a benchmark event carries: {@code "<seq> <sentNanos> <ackedBelow>"}.
 *
 * <p>Warm-up messages are numbered from 0 and measured ones from {@link #MEASURED_BASE}, so a subscriber tells
 * them apart by the number alone. {@code ackedBelow} is the publisher's promise about order: every message
 * numbered below it had been answered by the server before this one was sent, so a server must deliver those
 * first; messages in flight together may legitimately be delivered in either order.
 *
 * @param seq        the message's number, in the order the publisher sent them
 * @param sentNanos  {@link System#nanoTime()} when the request was written (the subscribers share the clock)
 * @param ackedBelow every message numbered below it was answered before this one was sent
 */
record Stamp(long seq, long sentNanos, long ackedBelow) {

    /** The first number of the measured messages; warm-up messages stay far below it. */
    public static final long MEASURED_BASE = 1_000_000_000L;

    /** The event data. */
    public String format() {
        return seq + " " + sentNanos + " " + ackedBelow;
    }

    /** Whether the message belongs to the measured window rather than to the warm-up. */
    public boolean measured() {
        return seq >= MEASURED_BASE;
    }

    /**
     * Reads event data written by {@link #format()}.
     *
     * @throws IllegalArgumentException when the data is not three whole numbers separated by single spaces
     */
    public static Stamp parse(String data) {
        int first = data.indexOf(' ');
        int second = first < 0 ? -1 : data.indexOf(' ', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("not a benchmark stamp: " + data);
        }
        try {
            return new Stamp(Long.parseLong(data, 0, first, 10),
                    Long.parseLong(data, first + 1, second, 10),
                    Long.parseLong(data, second + 1, data.length(), 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a benchmark stamp: " + data, e);
        }
    }
}
