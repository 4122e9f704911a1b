package dev.herald.access;

import java.time.Instant;
import java.util.Set;

/**
 * A stream {@link AccessControl#admitStream} let in.
 *
 * @param privateChannels the private channels it names; empty for a public stream
 * @param expiresAt       when its token expires; {@link Instant#MAX} for a public stream
 */
public record StreamPass(Set<String> privateChannels, Instant expiresAt) {

    /** Whether the stream needed a token, so that it ends with a {@value TokenExpired#TYPE} event at {@link #expiresAt}. */
    public boolean expires() {
        return !privateChannels.isEmpty();
    }
}
