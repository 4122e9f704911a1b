package dev.herald.broker;

import dev.herald.access.ChannelPattern;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What history keeps for the channels one pattern matches: one rule of the option {@code history}, written
 * {@code <pattern>=<events>,<age>} ({@code prices.*=1,1h}). A pattern is a {@link ChannelPattern}, as for
 * {@code private-channels}: {@code *} stands for any run of characters, none included, and every other character for
 * itself, so {@code chat-*} matches {@code chat-} and
 * {@code chat-lobby}, and {@code *} every channel. The age is a whole number with {@code ms}, {@code s}, {@code m},
 * {@code h} or {@code d}.
 *
 * @param pattern   the channels it applies to; not blank
 * @param maxEvents events kept per matching channel, from 0
 * @param maxAge    how long an event of a matching channel stays; positive
 */
public record HistoryRule(String pattern, int maxEvents, Duration maxAge) {

    private static final Pattern RULE = Pattern.compile("(.+)=\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*");

    /** Refused with {@link InvalidOptionException} naming {@code history} when a part is out of range. */
    public HistoryRule {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidOptionException(HistoryPolicy.HISTORY.key(), "a rule needs a channel pattern before '='");
        }
        if (maxEvents < 0) {
            throw new InvalidOptionException(HistoryPolicy.HISTORY.key(), "the rule for '" + pattern
                    + "' keeps a negative number of events");
        }
        if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
            throw new InvalidOptionException(HistoryPolicy.HISTORY.key(), "the rule for '" + pattern
                    + "' needs a positive age");
        }
    }

    /**
     * One rule as the option writes it.
     *
     * @throws InvalidOptionException naming {@code history} and quoting the rule when it does not parse
     */
    public static HistoryRule parse(String text) {
        Matcher m = RULE.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidOptionException(HistoryPolicy.HISTORY.key(), "'" + text.strip()
                    + "' is not a rule; write <pattern>=<events>,<age>, like prices.*=1,1h");
        }
        try {
            long amount = Long.parseLong(m.group(3));
            Duration age = switch (m.group(4).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            age.toMillis(); // used in milliseconds: refuse what does not fit
            return new HistoryRule(m.group(1).strip(), Integer.parseInt(m.group(2)), age);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            throw new InvalidOptionException(HistoryPolicy.HISTORY.key(), "'" + text.strip()
                    + "' holds a number too large");
        }
    }

    /** Whether the rule applies to {@code channel}. */
    public boolean matches(String channel) {
        return ChannelPattern.of(pattern).matches(channel);
    }

    @Override
    public String toString() {
        return pattern + "=" + maxEvents + "," + OptionChecks.format(maxAge);
    }
}
