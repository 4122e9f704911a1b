package dev.herald.access;

import java.util.Objects;

/**
 * A set of channel names written as text in which {@code *} stands for any run of characters, the empty run included;
 * nothing else is special ({@code orders-*}, {@code user-42}, {@code *}, {@code a.b?[c]} matches only itself). A pattern
 * matches the whole name, never a part of it. The empty pattern matches only the empty name, so no channel.
 *
 * <p>One grammar for what a token grants and what a stream subscribes to ({@code GET /stream?channel=orders.*}), so
 * two patterns compare without listing channels: {@link #covers} (every name one matches, the other matches too) and
 * {@link #overlaps} (some name matches both). Both are exact for this grammar, not approximations.
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

    /** Whether {@code name} holds a {@value #WILDCARD}, so that a subscription naming it is a pattern. */
    public static boolean isPattern(String name) {
        return name.indexOf(WILDCARD) >= 0;
    }

    /**
     * Whether every name {@code other} matches is matched by this pattern too. Exact: {@code other}'s text read as a
     * name whose {@code *} only a {@code *} of this pattern can stand for, since a {@code *} of {@code other} may be any
     * run (one of characters this pattern holds nowhere, say) that only a {@code *} here absorbs. A plain name is
     * covered when it is matched.
     */
    public boolean covers(String other) {
        return matches(other);
    }

    /**
     * Whether some name is matched both by this pattern and by {@code other} (a pattern or a plain name): the question
     * "could this subscription receive a private channel?". Exact, in time proportional to the product of the lengths.
     */
    public boolean overlaps(String other) {
        // reach[j]: positions (i, j) reachable in the two texts while building a common name from the left.
        int n = text.length();
        int m = other.length();
        boolean[][] reach = new boolean[n + 1][m + 1];
        reach[0][0] = true;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                if (!reach[i][j]) {
                    continue;
                }
                boolean starHere = i < n && text.charAt(i) == WILDCARD;
                boolean starThere = j < m && other.charAt(j) == WILDCARD;
                if (starHere) {
                    reach[i + 1][j] = true;         // this * ends
                    if (j < m) {
                        reach[i][j + 1] = true;     // this * takes the other's next character (or its empty *)
                    }
                }
                if (starThere) {
                    reach[i][j + 1] = true;
                    if (i < n) {
                        reach[i + 1][j] = true;
                    }
                }
                if (!starHere && !starThere && i < n && j < m && text.charAt(i) == other.charAt(j)) {
                    reach[i + 1][j + 1] = true;
                }
            }
        }
        return reach[n][m];
    }

    @Override
    public String toString() {
        return text;
    }
}
