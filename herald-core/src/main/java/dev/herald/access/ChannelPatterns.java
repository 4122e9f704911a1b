package dev.herald.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Several channel patterns; a channel is covered when any of them matches it. None covers nothing.
 *
 * @param patterns the patterns, in the order given
 */
public record ChannelPatterns(List<ChannelPattern> patterns) {

    /** No pattern: covers no channel. */
    public static final ChannelPatterns NONE = new ChannelPatterns(List.of());
    /** {@code *}: covers every channel. */
    public static final ChannelPatterns ALL = of(List.of("*"));

    public ChannelPatterns {
        patterns = List.copyOf(patterns);
    }

    /** Patterns from their texts. */
    public static ChannelPatterns of(Collection<String> texts) {
        return new ChannelPatterns(texts.stream().map(ChannelPattern::of).toList());
    }

    /**
     * Patterns from a comma-separated list, as an option writes them ({@code orders-*, user-42}): each item trimmed,
     * empty items skipped; {@code null} or blank gives {@link #NONE}.
     */
    public static ChannelPatterns parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        return of(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList());
    }

    /** Whether any pattern matches {@code channel}. */
    public boolean covers(String channel) {
        for (ChannelPattern pattern : patterns) {
            if (pattern.matches(channel)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any pattern {@link ChannelPattern#overlaps overlaps} {@code subscription} (a channel name or a pattern):
     * for a name, the same as {@link #covers}.
     */
    public boolean overlaps(String subscription) {
        for (ChannelPattern pattern : patterns) {
            if (pattern.overlaps(subscription)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The patterns as an option writes them: {@code orders-*,user-42}. */
    @Override
    public String toString() {
        return String.join(",", patterns.stream().map(ChannelPattern::text).toList());
    }
}
