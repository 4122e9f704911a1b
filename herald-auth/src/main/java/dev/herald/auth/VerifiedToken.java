package dev.herald.auth;

import dev.herald.access.Grants;
import java.time.Instant;
import java.util.Objects;

/**
 * A token whose signature and times were checked.
 *
 * @param grants    what its {@code herald} claim grants
 * @param expiresAt its {@code exp}: a stream opened with it is ended then
 * @param subject   its {@code sub}, or empty when it has none (every such token then shares one publish budget)
 * @param admin     whether its {@code herald} claim holds {@code "admin": true}: it opens the console
 * @param tokenId   its {@code jti}, or null when it has none (such a token cannot be revoked alone)
 */
public record VerifiedToken(Grants grants, Instant expiresAt, String subject, boolean admin, String tokenId) {

    /** A token without a {@code jti}. */
    public VerifiedToken(Grants grants, Instant expiresAt, String subject, boolean admin) {
        this(grants, expiresAt, subject, admin, null);
    }

    /** A token that is not an admin's. */
    public VerifiedToken(Grants grants, Instant expiresAt, String subject) {
        this(grants, expiresAt, subject, false);
    }

    public VerifiedToken {
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(subject, "subject");
    }
}
