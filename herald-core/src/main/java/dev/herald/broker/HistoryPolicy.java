package dev.herald.broker;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;

/**
 * How much history a broker keeps per channel for clients that resume: at most {@code maxEvents} events
 * ({@link #HISTORY_SIZE}), none older than {@code maxAge} ({@link #HISTORY_AGE}).
 *
 * @throws InvalidOptionException when {@code maxEvents} is negative or {@code maxAge} not positive
 */
public record HistoryPolicy(int maxEvents, Duration maxAge) {

    public static final Option<Integer> HISTORY_SIZE = Option.of("history-size", Integer.class).defaultsTo(1000)
            .unit("events").check(Check.atLeast(0, "events"))
            .description("Events kept per channel for clients that resume (per node, or per Redis stream)");

    public static final Option<Duration> HISTORY_AGE = Option.of("history-age", Duration.class)
            .defaultsTo(Duration.ofHours(1)).check(Check.positive())
            .description("How long an event stays in history; Redis Streams mode trims by size alone");

    public HistoryPolicy {
        HISTORY_SIZE.check(maxEvents);
        HISTORY_AGE.check(maxAge);
    }

    /** 1,000 events per channel, for at most one hour. */
    public static HistoryPolicy defaults() {
        return new HistoryPolicy(HISTORY_SIZE.defaultValue(), HISTORY_AGE.defaultValue());
    }
}
