package dev.herald.broker;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import java.time.Duration;

/**
 * How much history a broker keeps per channel for clients that resume: at most {@code maxEvents} events
 * (option {@code history-size}), none older than {@code maxAge} (option {@code history-age}).
 *
 * @throws InvalidOptionException when {@code maxEvents} is negative or {@code maxAge} not positive
 */
public record HistoryPolicy(int maxEvents, Duration maxAge) {

    public HistoryPolicy {
        OptionChecks.atLeast("history-size", maxEvents, 0, "events");
        OptionChecks.positive("history-age", maxAge);
    }

    /** 1,000 events per channel, for at most one hour. */
    public static HistoryPolicy defaults() {
        return new HistoryPolicy(1000, Duration.ofHours(1));
    }
}
