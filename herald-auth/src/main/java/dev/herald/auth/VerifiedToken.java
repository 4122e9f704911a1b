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
 */
public record VerifiedToken(Grants grants, Instant expiresAt, String subject) {

    public VerifiedToken {
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(subject, "subject");
    }
}
