package dev.herald.client;

import java.time.Duration;
import java.util.Arrays;

/**
 * When an {@link EventSource} reconnects: exponential back-off with jitter over the stream's reconnection time, and
 * which HTTP statuses are worth another try. Immutable; each {@code with*} method returns a changed copy.
 *
 * <p>The base of the back-off is the reconnection time: {@link #initialDelay()} until the server sends a
 * {@code retry:} field, then the server's value (WHATWG HTML §9.2, "the reconnection time"). After the
 * {@code n}th failure in a row the delay is {@code base × multiplier^(n-1)}, capped at {@link #maxDelay()} (or at the
 * base, if the server asks for more), then shortened by a random part of at most {@link #jitter()} of it, so that
 * clients dropped together by a deploy do not come back together. A stream that stayed open for at least
 * {@link #resetAfter()} (default 60 s) resets the count: its end is retried after the base delay. One that ends sooner
 * counts as a failure, so a proxy that answers 200 {@code text/event-stream} and closes at once is retried with a
 * growing delay, not in a loop at the base delay.
 *
 * <p>Like a browser's EventSource, the default retries network failures, read timeouts and streams that end, but no
 * HTTP error status: a 401 or a 404 will not fix itself. {@link #withRetriedStatuses(int...)} names statuses to retry
 * anyway (typically 502, 503 and 504 from a proxy while Herald restarts). A 204 No Content always stops for good, as
 * the spec says, and so does a 200 that is not {@code text/event-stream}.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(3), Duration.ofSeconds(30), 2.0, 0.5,
            new int[0], Duration.ofSeconds(60));

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;
    private final int[] retriedStatuses;
    private final Duration resetAfter;

    private RetryPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
                        int[] retriedStatuses, Duration resetAfter) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.retriedStatuses = retriedStatuses;
        this.resetAfter = resetAfter;
    }

    /**
     * The default: 3 s before the server's {@code retry:} is known (Herald's own default), doubling per failure up to
     * 30 s, up to half of each delay taken off at random, no HTTP error status retried, the count reset by a stream
     * open for 60 s.
     */
    public static RetryPolicy exponential() {
        return DEFAULT;
    }

    /** The reconnection time used until the server sends {@code retry:}; zero or more. */
    public RetryPolicy withInitialDelay(Duration delay) {
        requireNonNegative("initial delay", delay);
        return new RetryPolicy(delay, maxDelay, multiplier, jitter, retriedStatuses, resetAfter);
    }

    /** The longest delay the back-off grows to; positive. A server's {@code retry:} above it is still honoured. */
    public RetryPolicy withMaxDelay(Duration delay) {
        requireNonNegative("max delay", delay);
        if (delay.isZero()) {
            throw new IllegalArgumentException("max delay must be positive, got 0s; use withMultiplier(1) for no back-off");
        }
        return new RetryPolicy(initialDelay, delay, multiplier, jitter, retriedStatuses, resetAfter);
    }

    /** How much each failure in a row multiplies the delay by; at least 1 (1: no back-off). */
    public RetryPolicy withMultiplier(double factor) {
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("multiplier must be a finite number of at least 1, got " + factor);
        }
        return new RetryPolicy(initialDelay, maxDelay, factor, jitter, retriedStatuses, resetAfter);
    }

    /** The largest part of each delay taken off at random, from 0 (none: exact delays) to 1 (anywhere down to 0). */
    public RetryPolicy withJitter(double fraction) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + fraction);
        }
        return new RetryPolicy(initialDelay, maxDelay, multiplier, fraction, retriedStatuses, resetAfter);
    }

    /**
     * HTTP statuses answered to a connection attempt that are retried with back-off instead of closing the source,
     * e.g. {@code 502, 503, 504}. Replaces the earlier list; none by default. 200 and 204 have their own meaning and
     * cannot be listed.
     */
    public RetryPolicy withRetriedStatuses(int... statuses) {
        int[] copy = statuses.clone();
        for (int status : copy) {
            if (status < 100 || status > 599 || status == 200 || status == 204) {
                throw new IllegalArgumentException("a retried status is an HTTP status from 100 to 599 other than 200 "
                        + "and 204, got " + status);
            }
        }
        Arrays.sort(copy);
        return new RetryPolicy(initialDelay, maxDelay, multiplier, jitter, copy, resetAfter);
    }

    /**
     * How long a stream must have stayed open for its end to reset the back-off to the base delay; zero or more (zero:
     * every stream that opened resets it, as a browser does).
     */
    public RetryPolicy withResetAfter(Duration openFor) {
        requireNonNegative("reset after", openFor);
        return new RetryPolicy(initialDelay, maxDelay, multiplier, jitter, retriedStatuses, openFor);
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public double multiplier() {
        return multiplier;
    }

    public double jitter() {
        return jitter;
    }

    public Duration resetAfter() {
        return resetAfter;
    }

    /** Whether a connection attempt answered with this status is retried. */
    public boolean retries(int status) {
        return Arrays.binarySearch(retriedStatuses, status) >= 0;
    }

    /**
     * The delay before the next attempt.
     *
     * @param reconnectionTimeMillis the base: the server's last {@code retry:}, or the initial delay's milliseconds
     * @param failuresInARow         failures since the last stream that stayed open {@link #resetAfter()}, this one
     *                               included; at least 1
     * @param random                 a number in [0, 1) that picks the jitter
     */
    public Duration delay(long reconnectionTimeMillis, int failuresInARow, double random) {
        if (failuresInARow < 1) {
            throw new IllegalArgumentException("failures in a row start at 1, got " + failuresInARow);
        }
        double cap = Math.max(maxDelay.toMillis(), reconnectionTimeMillis);
        double grown = reconnectionTimeMillis * Math.pow(multiplier, failuresInARow - 1);
        double capped = Math.min(cap, grown);
        return Duration.ofMillis(Math.round(capped * (1.0 - jitter * random)));
    }

    @Override
    public String toString() {
        return "RetryPolicy[initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", multiplier=" + multiplier
                + ", jitter=" + jitter + ", retriedStatuses=" + Arrays.toString(retriedStatuses)
                + ", resetAfter=" + resetAfter + "]";
    }

    private static void requireNonNegative(String what, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or more, got " + delay);
        }
    }
}
