package dev.herald.presence;

import dev.herald.access.ChannelPatterns;
import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * Presence: which channels announce {@code join} and {@code leave}, and how long another node's counts are believed
 * without news from it. Every channel is counted ({@code GET /presence}); only the channels of
 * {@link #PRESENCE_CHANNELS} announce. Each value is checked here by its declaration's check.
 *
 * <p>The constructor throws {@link InvalidOptionException} when a value is out of range.
 *
 * @param channels {@link #PRESENCE_CHANNELS}
 * @param ttl      {@link #PRESENCE_TTL}: a node restates its counts every third of it
 */
public record PresenceOptions(ChannelPatterns channels, Duration ttl) {

    /** Parsed by {@link ChannelPatterns#parse}, the grammar of a token's grants. */
    public static final Option<String> PRESENCE_CHANNELS = Option.of("presence-channels", String.class)
            .description("Comma-separated channel patterns (* matches any run of characters) whose streams receive "
                    + "a join event when a token subject's first stream opens, and a leave event when its last one "
                    + "closes (a reconnect within 5 s announces neither); none by default");

    public static final Option<Duration> PRESENCE_TTL = Option.of("presence-ttl", Duration.class)
            .defaultsTo(Duration.ofSeconds(30)).check(Check.positive())
            .description("How long a node's presence counts are kept without news from it: a stopped or dead node's "
                    + "streams leave every other node's counts within this time (each node restates its counts every "
                    + "third of it)");

    /** Leave is announced only once a subject has stayed away this long: a reconnect within it announces nothing. */
    public static final Duration LEAVE_GRACE = Duration.ofSeconds(5);

    public PresenceOptions {
        Objects.requireNonNull(channels, "presence channels");
        PRESENCE_TTL.check(ttl);
    }

    /** No channel announces; counts kept {@code 30s}. */
    public static PresenceOptions defaults() {
        return new PresenceOptions(ChannelPatterns.NONE, PRESENCE_TTL.defaultValue());
    }

    /** These options, with {@code patterns} announcing join and leave. */
    public PresenceOptions withChannels(ChannelPatterns patterns) {
        return new PresenceOptions(patterns, ttl);
    }

    /** How often a node restates all its counts: a third of the ttl, so that two lost restatements expire nothing. */
    public Duration refresh() {
        return ttl.dividedBy(3);
    }
}
