package dev.herald.broker;

import java.time.Duration;

/**
 * How much history a broker keeps per channel: at most {@code maxEvents} events, none older than {@code maxAge}.
 */
public record HistoryPolicy(int maxEvents, Duration maxAge) {

    public HistoryPolicy {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("history size must be zero or more events, got " + maxEvents);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("history age must be positive, got " + maxAge);
        }
    }

    /** 1,000 events per channel, for at most one hour. */
    public static HistoryPolicy defaults() {
        return new HistoryPolicy(1000, Duration.ofHours(1));
    }
}
