package dev.herald.auth;

import dev.herald.access.ChannelPatterns;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import java.util.Objects;

/**
 * Who may publish and who may read private channels. With a key in {@code tokens}, {@code POST publish} needs a token
 * whose {@code herald.publish} covers the channel; without one, publishing is open (the application decides who
 * reaches the routes). A stream naming a channel that {@code privateChannels} covers needs a token whose
 * {@code herald.subscribe} covers it; other channels need none.
 *
 * <p>The constructor throws {@link InvalidOptionException} when private channels are named without a key to check
 * their tokens with.
 *
 * @param tokens          the keys tokens are checked with, or {@link TokenOptions#none()}
 * @param privateChannels the channels a stream needs a token for (option {@code private-channels})
 * @param allowQueryToken whether a stream may bring its token as {@code ?access_token=} (option
 *                        {@code allow-query-token}); off by default because URLs end up in logs
 */
public record AccessOptions(TokenOptions tokens, ChannelPatterns privateChannels, boolean allowQueryToken) {

    /** Parsed by {@link ChannelPatterns#parse}. */
    public static final Option<String> PRIVATE_CHANNELS = Option.of("private-channels", String.class)
            .description("Comma-separated channel patterns (* matches any run of characters) that a stream reads only "
                    + "with a token granting it; needs jwt-secret or jwt-key");

    public static final Option<Boolean> ALLOW_QUERY_TOKEN = Option.of("allow-query-token", Boolean.class)
            .defaultsTo(false)
            .description("Let a stream bring its token as ?access_token= (URLs end up in logs; prefer the cookie)");

    public AccessOptions {
        Objects.requireNonNull(tokens, "token options");
        Objects.requireNonNull(privateChannels, "private channels");
        if (!privateChannels.isEmpty() && !tokens.enabled()) {
            throw new InvalidOptionException("private-channels", "need a token key (jwt-secret or jwt-key): a private channel "
                    + "is read with a token, got " + privateChannels);
        }
    }

    /** No keys, no private channel: publishing and every stream are open. */
    public static AccessOptions open() {
        return new AccessOptions(TokenOptions.none(), ChannelPatterns.NONE, false);
    }

    /** Tokens checked with {@code tokens}, no private channel, no query token. */
    public static AccessOptions tokens(TokenOptions tokens) {
        return new AccessOptions(tokens, ChannelPatterns.NONE, false);
    }

    public AccessOptions withPrivateChannels(ChannelPatterns newPrivateChannels) {
        return new AccessOptions(tokens, newPrivateChannels, allowQueryToken);
    }

    public AccessOptions withQueryToken(boolean allow) {
        return new AccessOptions(tokens, privateChannels, allow);
    }
}
