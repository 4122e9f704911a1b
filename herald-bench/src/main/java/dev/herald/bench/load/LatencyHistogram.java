package dev.herald.bench.load;

/**
 * Latencies in a fixed array of counters (about 120 KiB), however many are recorded.
 *
 * <p>Buckets are microseconds: exact below 2,048 µs, then 1,024 buckets per power of two, so a percentile is off
 * by less than 0.1 % (it reports the top of its bucket, never less than the true value). Latencies of 10 s or
 * more count in the last bucket; {@link #maxNanos()} stays exact. Not thread-safe: one histogram per thread,
 * combined with {@link #add} once the recording is over.
 */
final class LatencyHistogram {

    /** The largest latency kept apart from the others, in microseconds. */
    public static final long CEILING_MICROS = 10_000_000L;

    private static final int SUB_BUCKET_BITS = 10;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int EXACT_LIMIT = 2 * SUB_BUCKETS;

    private final long[] counts = new long[indexOf(CEILING_MICROS) + 1];
    private long total;
    private long maxNanos;

    /** Records one latency; negative values count as zero. */
    public void record(long latencyNanos) {
        long nanos = Math.max(0, latencyNanos);
        counts[indexOf(Math.min(nanos / 1_000, CEILING_MICROS))]++;
        total++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    /** Adds every count of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    /** A copy that the caller may read on another thread. */
    public LatencyHistogram copy() {
        LatencyHistogram copy = new LatencyHistogram();
        copy.add(this);
        return copy;
    }

    public long count() {
        return total;
    }

    /** The largest latency recorded, exact; 0 when none was. */
    public long maxNanos() {
        return maxNanos;
    }

    /**
     * The smallest bucket top at or below which {@code percent} of the latencies lie, in microseconds; 0 when
     * nothing was recorded.
     */
    public long percentileMicros(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], got " + percent);
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return topOf(i);
            }
        }
        return CEILING_MICROS;
    }

    static int indexOf(long micros) {
        if (micros < EXACT_LIMIT) {
            return (int) micros;
        }
        int power = 63 - Long.numberOfLeadingZeros(micros);
        int shift = power - SUB_BUCKET_BITS;
        return EXACT_LIMIT + (power - SUB_BUCKET_BITS - 1) * SUB_BUCKETS + (int) ((micros >> shift) - SUB_BUCKETS);
    }

    /** The largest value of bucket {@code index}, capped at the ceiling. */
    static long topOf(int index) {
        if (index < EXACT_LIMIT) {
            return index;
        }
        int above = index - EXACT_LIMIT;
        int shift = above / SUB_BUCKETS + 1;
        long bottom = (long) (SUB_BUCKETS + above % SUB_BUCKETS) << shift;
        return Math.min(bottom + (1L << shift) - 1, CEILING_MICROS);
    }
}
