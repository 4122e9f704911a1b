package dev.herald.broker;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much history a broker keeps for clients that resume: per channel at most {@code maxEvents} events
 * ({@link #HISTORY_SIZE}), none older than {@code maxAge} ({@link #HISTORY_AGE}); over all channels of a node at most
 * {@code maxBytes} of heap ({@link #HISTORY_MEMORY}), the oldest events going first. A broker that keeps history
 * in Redis (Streams mode) reads the number of events alone.
 *
 * <p>{@code rules} ({@link #HISTORY}) give the channels that a pattern matches their own number of events and age;
 * the first rule that matches a channel applies, in the order written, and a channel that none matches keeps
 * {@code maxEvents} and {@code maxAge}. The memory budget holds for all channels whatever their rule.
 *
 * <p>The constructor throws {@link InvalidOptionException} when {@code maxEvents} or {@code maxBytes} is negative,
 * or {@code maxAge} not positive.
 */
public record HistoryPolicy(int maxEvents, Duration maxAge, int maxBytes, List<HistoryRule> rules) {

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

    /** Parsed by {@link #rules(String)}: refused naming the rule that does not parse. */
    public static final Option<String> HISTORY = Option.of("history", String.class)
            .check((option, value) -> {
                rules(value);
                return value;
            })
            .description("Retention per channel pattern, rules <pattern>=<events>,<age> (prices.*=1,1h; * any run of "
                    + "characters) separated by ';' or given as several flags; the first that matches applies, other "
                    + "channels keep history-size and history-age; Redis Streams mode applies the events alone");

    public HistoryPolicy {
        HISTORY_SIZE.check(maxEvents);
        HISTORY_AGE.check(maxAge);
        HISTORY_MEMORY.check(maxBytes);
        rules = List.copyOf(rules);
    }

    /** {@code maxEvents} per channel for at most {@code maxAge}, in at most {@code maxBytes}, with no rules. */
    public HistoryPolicy(int maxEvents, Duration maxAge, int maxBytes) {
        this(maxEvents, maxAge, maxBytes, List.of());
    }

    /**
     * The rules of the option {@link #HISTORY}: separated by {@code ;}, blanks ignored; none for null or blank.
     *
     * @throws InvalidOptionException naming {@code history} and quoting the first rule that does not parse
     */
    public static List<HistoryRule> rules(String text) {
        List<HistoryRule> rules = new ArrayList<>();
        if (text != null) {
            for (String rule : text.split(";")) {
                if (!rule.isBlank()) {
                    rules.add(HistoryRule.parse(rule));
                }
            }
        }
        return List.copyOf(rules);
    }

    /** The same policy with {@code newRules} in place of its rules. */
    public HistoryPolicy withRules(List<HistoryRule> newRules) {
        return new HistoryPolicy(maxEvents, maxAge, maxBytes, newRules);
    }

    /** What history keeps for {@code channel}: the first rule that matches it, else the policy's size and age. */
    public HistoryRule retentionOf(String channel) {
        for (HistoryRule rule : rules) {
            if (rule.matches(channel)) {
                return rule;
            }
        }
        return new HistoryRule("*", maxEvents, maxAge);
    }

    /** The shortest age any channel may have: how often expired history is worth sweeping. */
    public Duration shortestAge() {
        Duration shortest = maxAge;
        for (HistoryRule rule : rules) {
            if (rule.maxAge().compareTo(shortest) < 0) {
                shortest = rule.maxAge();
            }
        }
        return shortest;
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
