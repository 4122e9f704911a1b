package dev.herald.limits;

import java.util.random.RandomGenerator;

/**
 * The reconnection time sent to a stream that is shed because the node holds its cap of streams: 5 to 15 seconds, at
 * random, so that a crowd shed together does not come back together.
 */
public final class ShedRetry {

    public static final long MIN_MILLIS = 5_000;
    public static final long MAX_MILLIS = 15_000;

    private ShedRetry() {
    }

    /** A time from {@link #MIN_MILLIS} to {@link #MAX_MILLIS}, both included. */
    public static long millis(RandomGenerator random) {
        return random.nextLong(MIN_MILLIS, MAX_MILLIS + 1);
    }
}
