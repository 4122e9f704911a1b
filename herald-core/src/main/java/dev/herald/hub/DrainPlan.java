package dev.herald.hub;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Who leaves when during a drain, and with which reconnection time: the pure part of a node's shutdown, no threads,
 * its clock and its randomness given.
 *
 * <p>The window opens when the plan is made. Every stream gets one {@link Departure}: the instant it is closed, at
 * random (uniform) in what is left of the window, so that closes, and with them reconnects, come at an even rate of
 * about streams / window instead of all at once; and the {@code retry} written just before its end, at random from the
 * node's {@code retry} to twice it, so that clients closed in the same instant (one timer tick) do not come back in
 * the same instant either, while none waits longer than twice the usual time to reconnect. A stream that opens while
 * the window is open (a container still accepting) gets a departure in what is left of it; one that opens after the
 * window has closed leaves at once.
 *
 * <p>Thread-safe as long as its {@link RandomGenerator} is (a {@code SplittableRandom} is not: give each thread its
 * own, or use {@code ThreadLocalRandom}).
 */
public final class DrainPlan {

    private final long windowNanos;
    private final long retryMillis;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final long startNanos;

    /**
     * A plan whose window opens now, by {@code nanoTime} (a {@link System#nanoTime}-like clock).
     *
     * @param window the drain window, positive
     * @param retry  the node's announced reconnection time, not negative
     */
    public DrainPlan(Duration window, Duration retry, RandomGenerator random, LongSupplier nanoTime) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a drain window is positive; a zero drain-time closes every stream at once");
        }
        if (retry.isNegative()) {
            throw new IllegalArgumentException("a retry is not negative, got " + retry);
        }
        this.windowNanos = window.toNanos();
        this.retryMillis = retry.toMillis();
        this.random = random;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /**
     * When one stream leaves and what it is told.
     *
     * @param closeAfterMillis from now, in [0, what is left of the window)
     * @param retryMillis      the stream's last {@code retry} field, in [retry, 2 × retry]
     */
    public record Departure(long closeAfterMillis, long retryMillis) {
    }

    /** The departure of one more stream, drawn now. */
    public Departure departure() {
        long leftNanos = windowNanos - (nanoTime.getAsLong() - startNanos);
        long closeAfterMillis = leftNanos <= 0 ? 0 : random.nextLong(leftNanos) / 1_000_000;
        return new Departure(closeAfterMillis, retryMillis + random.nextLong(retryMillis + 1));
    }

    /** The time left until the window closes, from now; zero once it has. */
    public Duration left() {
        return Duration.ofNanos(Math.max(0, windowNanos - (nanoTime.getAsLong() - startNanos)));
    }
}
