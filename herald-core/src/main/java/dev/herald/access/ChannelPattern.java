package dev.herald.access;

import java.util.Objects;

/**
 * A set of channel names written as text in which {@code *} stands for any run of characters, the empty run included;
 * nothing else is special ({@code orders-*}, {@code user-42}, {@code *}, {@code a.b?[c]} matches only itself). A pattern
 * matches the whole name, never a part of it. The empty pattern matches only the empty name, so no channel.
 *
 * @param text the pattern as written
 */
public record ChannelPattern(String text) {

    public static final char WILDCARD = '*';

    public ChannelPattern {
        Objects.requireNonNull(text, "pattern text");
    }

    /** The pattern written as {@code text}. */
    public static ChannelPattern of(String text) {
        return new ChannelPattern(text);
    }

    /**
     * Whether {@code channel} is one of the names this pattern stands for. Runs in time proportional to the product of
     * the two lengths at worst (no regular expression, no backtracking blow-up), however many {@code *} it holds.
     */
    public boolean matches(String channel) {
        int p = 0;
        int c = 0;
        int starAt = -1;  // the last * seen in the pattern
        int resumeAt = 0; // where in the channel that * 's run ends for now
        while (c < channel.length()) {
            if (p < text.length() && text.charAt(p) == WILDCARD) {
                starAt = p++;
                resumeAt = c;
            } else if (p < text.length() && text.charAt(p) == channel.charAt(c)) {
                p++;
                c++;
            } else if (starAt >= 0) {
                // The last * takes one more character, and the rest of the pattern is tried again after it.
                p = starAt + 1;
                c = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < text.length() && text.charAt(p) == WILDCARD) {
            p++;
        }
        return p == text.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
