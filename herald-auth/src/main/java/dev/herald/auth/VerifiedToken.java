package dev.herald.auth;

import dev.herald.access.Grants;
import java.time.Instant;
import java.util.Objects;

/**
 * A token whose signature and times were checked.
 *
 * @param grants    what its {@code herald} claim grants
 * @param expiresAt its {@code exp}: a stream opened with it is ended then
 */
public record VerifiedToken(Grants grants, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
