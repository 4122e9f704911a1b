package dev.herald.bench.load;

import java.util.Arrays;

/**
 * The order check of one stream: which measured messages arrived, which arrived twice, and which arrived after
 * a message that the publisher sent only once they had been answered (an order no concurrency of publishing
 * explains). Numbers are relative to {@link Stamp#MEASURED_BASE}.
 *
 * <p>Memory is a fixed window of {@value #WINDOW} numbers above the lowest one still missing. A message that
 * falls out of the window unseen is given up: if it arrives after all, it counts as a duplicate, and it stays
 * counted as lost. Not thread-safe: owned by the event loop of its stream.
 */
final class SequenceTracker {

    static final int WINDOW = 4096;

    private final long[] seenBits = new long[WINDOW / Long.SIZE];
    /** Every number below it arrived or was given up. */
    private long base;
    /** The highest {@code ackedBelow} among arrived messages: a later arrival below it is out of order. */
    private long orderFloor;
    private long distinct;
    private long duplicated;
    private long reordered;

    /** Notes the arrival of message {@code seq} (0 or more) stamped with {@code ackedBelow}. */
    void record(long seq, long ackedBelow) {
        if (seq < base || seq < base + WINDOW && isSeen(seq)) {
            duplicated++;
            return;
        }
        if (seq >= base + WINDOW) {
            giveUpBelow(seq - WINDOW + 1);
        }
        setSeen(seq, true);
        distinct++;
        if (seq < orderFloor) {
            reordered++;
        }
        orderFloor = Math.max(orderFloor, ackedBelow);
        while (isSeen(base)) {
            setSeen(base, false);
            base++;
        }
    }

    /** Messages that arrived, each counted once. */
    long distinct() {
        return distinct;
    }

    long duplicated() {
        return duplicated;
    }

    long reordered() {
        return reordered;
    }

    /** Of the {@code published} messages numbered 0 to {@code published - 1}, how many never arrived. */
    long lost(long published) {
        return Math.max(0, published - distinct);
    }

    private void giveUpBelow(long newBase) {
        if (newBase - base >= WINDOW) {
            Arrays.fill(seenBits, 0);
        } else {
            for (long n = base; n < newBase; n++) {
                setSeen(n, false);
            }
        }
        base = newBase;
    }

    private boolean isSeen(long seq) {
        int bit = (int) (seq % WINDOW);
        return (seenBits[bit >>> 6] & (1L << bit)) != 0;
    }

    private void setSeen(long seq, boolean seen) {
        int bit = (int) (seq % WINDOW);
        if (seen) {
            seenBits[bit >>> 6] |= 1L << bit;
        } else {
            seenBits[bit >>> 6] &= ~(1L << bit);
        }
    }
}
