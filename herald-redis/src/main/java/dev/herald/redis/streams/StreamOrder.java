package dev.herald.redis.streams;

/**
 * The Streams broker's order packed into one long, the {@link dev.herald.broker.StoredEvent#sequence()} that every
 * node and client compares: the data set's epoch in seconds in the high 32 bits, the sequence in the low 32.
 * Orders compare as plain longs, larger is later; so the events of a data set that Redis created after losing its
 * data sort after the old ones even as its sequence starts again at 1 (see {@link Epochs} for why the epochs
 * differ by at least a second).
 */
final class StreamOrder {

    private static final long LOW_HALF = 0xFFFF_FFFFL;

    private StreamOrder() {
    }

    /** The order of {@code sequence} in the data set of {@code epochMillis}. */
    static long pack(long epochMillis, long sequence) {
        return ((epochMillis / 1000) << 32) | (sequence & LOW_HALF);
    }

    /** The epoch, in seconds, of the data set an order belongs to. */
    static long epochSeconds(long order) {
        return order >>> 32;
    }

    /** The sequence an order stands for within its data set. */
    static long sequence(long order) {
        return order & LOW_HALF;
    }

    /** The sequence an order stands for in the data set of {@code epochMillis}, or 0 when it is of another one. */
    static long sequenceIn(long order, long epochMillis) {
        return epochSeconds(order) == epochMillis / 1000 ? sequence(order) : 0;
    }
}
