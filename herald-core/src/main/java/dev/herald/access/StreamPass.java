package dev.herald.access;

import java.time.Instant;
import java.util.Set;

/**
 * A stream {@link AccessControl#admitStream} let in.
 *
 * @param privateChannels the private channels it names; empty for a public stream
 * @param expiresAt       when its token expires; {@link Instant#MAX} for a public stream
 * @param subject         its token's subject ({@code sub}), or null: no token was read, or it names none (presence
 *                        counts the stream under it; an admin's disconnect finds the stream by it)
 * @param tokenId         its token's {@code jti}, or null: no token was read, or it names none (an admin's
 *                        revocation finds the stream by it)
 */
public record StreamPass(Set<String> privateChannels, Instant expiresAt, String subject, String tokenId) {

    /** A pass that names no token. */
    public StreamPass(Set<String> privateChannels, Instant expiresAt) {
        this(privateChannels, expiresAt, null, null);
    }

    /** A pass with a subject but no token id. */
    public StreamPass(Set<String> privateChannels, Instant expiresAt, String subject) {
        this(privateChannels, expiresAt, subject, null);
    }

    /** Whether the stream needed a token, so that it ends with a {@value TokenExpired#TYPE} event at {@link #expiresAt}. */
    public boolean expires() {
        return !privateChannels.isEmpty();
    }
}
