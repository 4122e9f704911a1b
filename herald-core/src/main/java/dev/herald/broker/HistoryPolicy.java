package dev.herald.broker;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;

/**
 * How much history a broker keeps for clients that resume: per channel at most {@code maxEvents} events
 * ({@link #HISTORY_SIZE}), none older than {@code maxAge} ({@link #HISTORY_AGE}); over all channels of a node at most
 * {@code maxBytes} of heap ({@link #HISTORY_MEMORY}), the oldest events going first. A broker that keeps history
 * in Redis (Streams mode) reads {@code maxEvents} alone.
 *
 * <p>The constructor throws {@link InvalidOptionException} when {@code maxEvents} or {@code maxBytes} is negative,
 * or {@code maxAge} not positive.
 */
public record HistoryPolicy(int maxEvents, Duration maxAge, int maxBytes) {

    public static final Option<Integer> HISTORY_SIZE = Option.of("history-size", Integer.class).defaultsTo(1000)
            .unit("events").check(Check.atLeast(0, "events"))
            .description("Events kept per channel for clients that resume (per node, or per Redis stream)");

    public static final Option<Duration> HISTORY_AGE = Option.of("history-age", Duration.class)
            .defaultsTo(Duration.ofHours(1)).check(Check.positive())
            .description("How long an event stays in history; Redis Streams mode trims by size alone");

    public static final Option<Integer> HISTORY_MEMORY = Option.of("history-memory", Integer.class)
            .defaultsTo(64 * 1024 * 1024).unit(Option.BYTES).check(Check.atLeast(0, "bytes"))
            .description("Heap that history may take on this node, all channels together; the oldest events go first "
                    + "(memory and Pub/Sub modes)");

    public HistoryPolicy {
        HISTORY_SIZE.check(maxEvents);
        HISTORY_AGE.check(maxAge);
        HISTORY_MEMORY.check(maxBytes);
    }

    /** {@code maxEvents} per channel for at most {@code maxAge}, within the default {@link #HISTORY_MEMORY}. */
    public HistoryPolicy(int maxEvents, Duration maxAge) {
        this(maxEvents, maxAge, HISTORY_MEMORY.defaultValue());
    }

    /** 1,000 events per channel, for at most one hour, in at most 64 MiB per node. */
    public static HistoryPolicy defaults() {
        return new HistoryPolicy(HISTORY_SIZE.defaultValue(), HISTORY_AGE.defaultValue());
    }
}
