package dev.herald.redis.streams;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The newest data-set epoch this node has seen, and the epoch it proposes whenever Redis might have none (first
 * use, or it lost its data): now, but at least a second after the newest seen, so that the new data set's events
 * sort after the old ones ({@link StreamOrder} compares epoch seconds) even when Redis comes back within the second.
 *
 * <p>Epochs are in ms. Safe from any thread: publish replies, replay heads and live announcements all report here.
 */
final class Epochs {

    private static final long ONE_SECOND_MILLIS = 1000;

    private final LongSupplier clockMillis;
    /** The newest epoch seen, in ms; 0 before the first. */
    private final AtomicLong newest = new AtomicLong();

    /** @param clockMillis the wall clock, in ms since 1970 ({@code System::currentTimeMillis} outside tests) */
    Epochs(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** The epoch to create if Redis has none, in ms. */
    long candidate() {
        return Math.max(clockMillis.getAsLong(), newest.get() + ONE_SECOND_MILLIS);
    }

    /** The newest epoch seen, in ms; 0 before the first. */
    long newest() {
        return newest.get();
    }

    /** Notes an epoch Redis reported and returns it. */
    long seen(long epochMillis) {
        newest.accumulateAndGet(epochMillis, Math::max);
        return epochMillis;
    }
}
