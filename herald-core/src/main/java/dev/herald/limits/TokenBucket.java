package dev.herald.limits;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code capacity} saved up; a request takes one.
 * Time is given by the caller in nanoseconds (any origin, as {@link System#nanoTime}), so it holds no clock; and it
 * counts in whole billionths of a token, so its answers are exact. Not thread-safe: its owner confines it
 * (see {@link Limits}).
 */
final class TokenBucket {

    /** One token, in the units the bucket counts: a token earned at one a second grows by one unit a nanosecond. */
    private static final long TOKEN = 1_000_000_000L;

    private final long ratePerSecond;
    private final long capacityUnits;
    private long units;
    private long updatedNanos;

    /** A full bucket at {@code nowNanos}. */
    TokenBucket(long ratePerSecond, long capacity, long nowNanos) {
        this.ratePerSecond = ratePerSecond;
        this.capacityUnits = Math.multiplyExact(capacity, TOKEN);
        this.units = capacityUnits;
        this.updatedNanos = nowNanos;
    }

    /** Takes a token if there is one; returns 0, or else the nanoseconds until there will be one (nothing taken). */
    long take(long nowNanos) {
        return take(nowNanos, 1);
    }

    /**
     * Takes {@code count} tokens (at least 1) if there are that many; returns 0, or else the nanoseconds until there
     * will be (nothing taken). A count over the capacity takes the whole capacity: it could never be saved up.
     */
    long take(long nowNanos, int count) {
        refill(nowNanos);
        long wanted = Math.min(capacityUnits, Math.multiplyExact((long) Math.max(1, count), TOKEN));
        if (units >= wanted) {
            units -= wanted;
            return 0;
        }
        return ceilDiv(wanted - units, ratePerSecond);
    }

    /** Whether the bucket is full again, so forgetting it changes nothing. */
    boolean isFull(long nowNanos) {
        refill(nowNanos);
        return units == capacityUnits;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - updatedNanos;
        if (elapsed <= 0) {
            return;
        }
        updatedNanos = nowNanos;
        long missing = capacityUnits - units;
        // compared before multiplying, so that a long rest cannot overflow
        units = elapsed >= ceilDiv(missing, ratePerSecond) ? capacityUnits : units + elapsed * ratePerSecond;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
