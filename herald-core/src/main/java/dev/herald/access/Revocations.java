package dev.herald.access;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token ids ({@code jti}) an admin revoked, each until its token's {@code exp}: the access rules refuse a revoked
 * token with 401 "the token was revoked". Bounded: at most {@link #MAX_ENTRIES} ids; expired ones are swept when a new
 * one is added, and a revocation past the bound is refused rather than evicting another (which would let that token
 * back in). Thread-safe. Each node holds its own; the admin service tells every node of a revocation through the broker.
 */
public final class Revocations {

    /** The most token ids held at once. */
    public static final int MAX_ENTRIES = 100_000;

    /** Where no key is configured: no token exists to revoke, and none is ever revoked. */
    public static final Revocations NONE = new Revocations(0);

    private final int maxEntries;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    /** An empty set holding at most {@link #MAX_ENTRIES} ids. */
    public Revocations() {
        this(MAX_ENTRIES);
    }

    Revocations(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * Refuses the token {@code tokenId} until {@code until}; a later {@code until} for the same id extends it.
     *
     * @return false when the set holds {@link #MAX_ENTRIES} unexpired ids already (nothing is added)
     */
    public boolean revoke(String tokenId, Instant until, Instant now) {
        if (revoked.size() >= maxEntries) {
            revoked.values().removeIf(expiry -> !expiry.isAfter(now));
            if (revoked.size() >= maxEntries && !revoked.containsKey(tokenId)) {
                return false;
            }
        }
        revoked.merge(tokenId, until, (old, added) -> old.isAfter(added) ? old : added);
        return true;
    }

    /** Whether {@code tokenId} (null for a token without one: never revoked) is refused at {@code now}. */
    public boolean isRevoked(String tokenId, Instant now) {
        if (tokenId == null || tokenId.isEmpty()) {
            return false;
        }
        Instant until = revoked.get(tokenId);
        if (until == null) {
            return false;
        }
        if (!until.isAfter(now)) {
            revoked.remove(tokenId, until);
            return false;
        }
        return true;
    }

    /** How many ids are held, expired ones not yet swept included. */
    public int size() {
        return revoked.size();
    }
}
