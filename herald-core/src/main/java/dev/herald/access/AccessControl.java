package dev.herald.access;

import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may publish and who may read which channel: the port the serving core asks, implemented by herald-auth's
 * {@code AccessRules} (JSON Web Tokens) or by {@link #OPEN}. A request's credentials are read only when a decision
 * needs them (a {@link Supplier}); a public stream's token is read only for its subject, and never refuses it.
 *
 * <p>Every refusal is an {@link AccessRefusedException}: 401 with a {@code WWW-Authenticate} challenge for no token or
 * a bad one (RFC 6750, 3.1), 403 for a token that does not cover the channel or a cookie from another site; the
 * implementation counts it where it decides it. Implementations are thread-safe.
 */
public interface AccessControl {

    /** No key configured: everyone may publish everywhere and read every channel, and no token is ever read. */
    AccessControl OPEN = new AccessControl() {
        @Override
        public Grants admitPublisher(Supplier<RequestCredentials> request) {
            return Grants.ALL;
        }

        @Override
        public void authorizePublish(Grants grants, String channel) {
            // every channel is open
        }

        @Override
        public StreamPass admitStream(Set<String> channels, Supplier<RequestCredentials> request) {
            return new StreamPass(Set.of(), Instant.MAX);
        }

        @Override
        public boolean allowsQueryToken() {
            return false;
        }

        @Override
        public void admitMetricsReader(Supplier<RequestCredentials> request) {
            // no key: the metrics are as open as everything else
        }
    };

    /**
     * Who is publishing: {@link Grants#ALL} when no key is configured, else the grants of the request's token.
     *
     * @throws AccessRefusedException 401 without a token or with a bad one; 403 for a cookie from another site
     */
    Grants admitPublisher(Supplier<RequestCredentials> request);

    /**
     * The subject ({@code sub}, or empty when the token has none) of a valid publisher token the request brings, or
     * null when it brings none (or no key is configured): a publisher with one is rate-limited by its subject, one
     * without by its client address. Refuses nothing and counts nothing; {@link #admitPublisher} decides. By default
     * null.
     */
    default String publisherSubject(Supplier<RequestCredentials> request) {
        return null;
    }

    /**
     * Refuses a publish on {@code channel} that {@code grants} (from {@link #admitPublisher}) do not cover.
     *
     * @throws AccessRefusedException 403 naming the channel
     */
    void authorizePublish(Grants grants, String channel);

    /**
     * Admits a stream (or a poll) on {@code channels}: until {@link Instant#MAX} when they are all public, else until
     * the expiry of a token covering every private one; with the subject of the token it brings, when one verifies.
     *
     * @throws AccessRefusedException 401 without a token or with a bad one; 403 for a token not covering a channel
     */
    StreamPass admitStream(Set<String> channels, Supplier<RequestCredentials> request);

    /**
     * Admits a reader of the metrics on the application's port: anyone when no key is configured, else a publisher
     * token (one granting publishing on some channel) brought as {@code Authorization: Bearer}, never as the cookie or
     * in the query.
     *
     * @throws AccessRefusedException 401 without such a header or with a bad token; 403 for a token that publishes nowhere
     */
    void admitMetricsReader(Supplier<RequestCredentials> request);

    /**
     * Admits an admin, as the console asks: a token whose {@code herald} claim holds {@code "admin": true}, brought as
     * {@code Authorization: Bearer} or as the credentials' cookie (the console's own, which its caller puts there; a
     * cookie counts only from a page of this server's own origin). Returns the token's expiry. {@link #OPEN} has no
     * key to verify a token with, so no token can be an admin's: it refuses every request with 403.
     *
     * @throws AccessRefusedException 401 without a token or with a bad one; 403 for a token that is not an admin's, a
     *                                cookie from another site, or no key configured
     */
    default Instant admitAdmin(Supplier<RequestCredentials> request) {
        throw new AccessRefusedException(403, NO_ADMIN_WITHOUT_KEY, null);
    }

    /** The refusal of {@link #admitAdmin} where no key is configured. */
    String NO_ADMIN_WITHOUT_KEY = "no token key is configured (jwt-secret or jwt-key), so no token can be an admin's; "
            + "without one the console opens only on a loopback bind, to a client on this machine";

    /**
     * The token ids an admin revoked, which these rules refuse (401 "the token was revoked"); {@link Revocations#NONE}
     * where no token is read at all, as in {@link #OPEN}.
     */
    default Revocations revocations() {
        return Revocations.NONE;
    }

    /** Whether a stream may bring its token as the query parameter {@value RequestToken#QUERY_PARAM}. */
    boolean allowsQueryToken();
}
