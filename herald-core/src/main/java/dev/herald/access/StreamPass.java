package dev.herald.access;

import java.time.Instant;
import java.util.Set;

/**
 * A stream {@link AccessControl#admitStream} let in.
 *
 * @param privateChannels the private channels it names; empty for a public stream
 * @param expiresAt       when its token expires; {@link Instant#MAX} for a public stream
 * @param subject         its token's {@code sub}, or null for a public stream or a token without one (an admin's
 *                        disconnect finds the stream by it)
 * @param tokenId         its token's {@code jti}, or null for a public stream or a token without one (an admin's
 *                        revocation finds the stream by it)
 */
public record StreamPass(Set<String> privateChannels, Instant expiresAt, String subject, String tokenId) {

    /** A pass that names no token. */
    public StreamPass(Set<String> privateChannels, Instant expiresAt) {
        this(privateChannels, expiresAt, null, null);
    }

    /** Whether the stream needed a token, so that it ends with a {@value TokenExpired#TYPE} event at {@link #expiresAt}. */
    public boolean expires() {
        return !privateChannels.isEmpty();
    }
}
