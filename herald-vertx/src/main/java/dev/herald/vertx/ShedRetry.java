package dev.herald.vertx;

import java.util.random.RandomGenerator;

/**
 * The reconnection time sent to a stream that is shed because the node holds its cap of streams: 5 to 15 seconds, at
 * random, so that a crowd shed together does not come back together.
 */
final class ShedRetry {

    static final long MIN_MILLIS = 5_000;
    static final long MAX_MILLIS = 15_000;

    private ShedRetry() {
    }

    /** A time from {@link #MIN_MILLIS} to {@link #MAX_MILLIS}, both included. */
    static long millis(RandomGenerator random) {
        return random.nextLong(MIN_MILLIS, MAX_MILLIS + 1);
    }
}
