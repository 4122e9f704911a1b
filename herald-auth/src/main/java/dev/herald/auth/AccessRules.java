package dev.herald.auth;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.RequestCredentials;
import dev.herald.access.RequestToken;
import dev.herald.access.Revocations;
import dev.herald.access.StreamPass;
import dev.herald.access.Grants;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Refusal;
import dev.herald.request.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The decisions behind {@link AccessOptions}, for every HTTP adapter: which token of a request counts (see
 * {@link RequestToken}), whether it verifies, whether its grants cover the channels, the same-origin rule for a token
 * brought as the cookie, and what each refusal answers: 401 with {@code WWW-Authenticate: Bearer} for no token or a bad
 * one (with {@code error="invalid_token"}, RFC 6750, 3.1), 403 for a good token that does not cover the channel or a
 * cookie from another site. Each refusal is counted ({@link HeraldMetrics#refused}) where it is decided, here.
 *
 * <p>An adapter hands over plain values ({@link RequestCredentials}, read only when a decision needs them) and turns an
 * {@link AccessRefusedException} into its answer. Thread-safe: it holds only immutable state.
 */
public final class AccessRules implements AccessControl {

    /** The {@code WWW-Authenticate} value of a 401 without a token. */
    public static final String CHALLENGE = "Bearer realm=\"herald\"";

    private final AccessOptions options;
    private final TokenVerifier verifier;
    private final HeraldMetrics metrics;
    private final Revocations revocations = new Revocations();

    public AccessRules(AccessOptions options, HeraldMetrics metrics) {
        this.options = options;
        this.verifier = options.tokens().enabled() ? new TokenVerifier(options.tokens()) : null;
        this.metrics = metrics;
    }

    /** The options enforced. */
    public AccessOptions options() {
        return options;
    }

    /** The token ids revoked here: {@link #verified} refuses them, wherever a token is read. */
    @Override
    public Revocations revocations() {
        return verifier == null ? Revocations.NONE : revocations;
    }

    @Override
    public boolean allowsQueryToken() {
        return options.allowQueryToken();
    }

    /**
     * Who is publishing: without a key, anyone ({@link Grants#ALL}); with one, the grants of the request's token
     * (never a query token), brought by a request of this server's own origin when it is the cookie.
     *
     * @throws AccessRefusedException 401 without a token or with a bad one; 403 for a cookie from another site
     */
    @Override
    public Grants admitPublisher(Supplier<RequestCredentials> request) {
        if (verifier == null) {
            return Grants.ALL;
        }
        RequestCredentials credentials = request.get();
        RequestToken token = RequestToken.of(credentials, false);
        if (token == null) {
            throw unauthorized(null, "a token is required to publish: send Authorization: Bearer <token>, or the "
                    + RequestToken.COOKIE + " cookie from the page");
        }
        if (token.source() == RequestToken.Source.COOKIE && !credentials.sameOrigin()) {
            metrics.refused(Refusal.CROSS_SITE);
            throw new AccessRefusedException(403, "cross-site publish refused", null);
        }
        return verified(token).grants();
    }

    /**
     * The subject of the valid publisher token the request brings (as {@link #admitPublisher} would take it), or null:
     * no key, no token, a cookie from another site or a token that does not verify. Nothing is refused or counted
     * here; {@link #admitPublisher} does that when the body has been read.
     */
    @Override
    public String publisherSubject(Supplier<RequestCredentials> request) {
        if (verifier == null) {
            return null;
        }
        RequestCredentials credentials = request.get();
        RequestToken token = RequestToken.of(credentials, false);
        if (token == null || token.source() == RequestToken.Source.COOKIE && !credentials.sameOrigin()) {
            return null;
        }
        try {
            return verifier.verify(token.token()).subject();
        } catch (InvalidTokenException invalid) {
            return null;
        }
    }

    /**
     * Admits a reader of the metrics: without a key, anyone; with one, a token in {@code Authorization: Bearer} (the
     * cookie and the query do not count: a scraper sends a header) that grants publishing on some channel.
     *
     * @throws AccessRefusedException 401 without such a token or with a bad one; 403 for a token that publishes nowhere
     */
    @Override
    public void admitMetricsReader(Supplier<RequestCredentials> request) {
        if (verifier == null) {
            return;
        }
        RequestCredentials credentials = request.get();
        RequestToken token = RequestToken.of(new RequestCredentials(credentials.authorization(), null, null, null, null,
                null, null), false);
        if (token == null) {
            throw unauthorized(null, "a token is required to read the metrics: send Authorization: Bearer <token> "
                    + "with a publisher token");
        }
        if (verified(token).grants().publish().isEmpty()) {
            metrics.refused(Refusal.CHANNEL_FORBIDDEN);
            throw new AccessRefusedException(403, "this token may not read the metrics: it publishes on no channel", null);
        }
    }

    /**
     * Refuses a publish on {@code channel} that the publisher's grants (from {@link #admitPublisher}) do not cover.
     *
     * @throws AccessRefusedException 403 naming the channel
     */
    @Override
    public void authorizePublish(Grants grants, String channel) {
        if (!grants.mayPublish(channel)) {
            metrics.refused(Refusal.CHANNEL_FORBIDDEN);
            throw new AccessRefusedException(403, "this token may not publish on channel " + channel, null);
        }
    }

    /**
     * Admits a stream on {@code channels}. A stream of public channels only is admitted whatever token it brings, until
     * {@link Instant#MAX}, under the subject of its token when one verifies and is not revoked (presence names it); one
     * naming private channels needs a token covering all of them, and is admitted until that token's {@code exp}. A
     * pattern subscription ({@code orders.*}) is private when it could match a private channel
     * ({@link dev.herald.access.ChannelPatterns#overlaps}), and then needs a token granting a pattern that covers the
     * whole of it: decided on the two patterns, without listing channels. A token whose {@code exp} has passed is refused here even inside the verifier's clock
     * skew: the stream would end as it opened.
     *
     * @throws AccessRefusedException 401 without a token, with a bad one or with one already expired; 403 for a token not covering a channel
     */
    @Override
    public StreamPass admitStream(Set<String> channels, Supplier<RequestCredentials> request) {
        Set<String> privateOnes = channels.stream().filter(options.privateChannels()::overlaps)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (privateOnes.isEmpty()) {
            return new StreamPass(Set.of(), Instant.MAX, verifier == null ? null : subjectOf(request.get()));
        }
        RequestToken token = RequestToken.of(request.get(), options.allowQueryToken());
        if (token == null) {
            throw unauthorized(null, "private channel " + String.join(", ", privateOnes) + " needs a token: send the "
                    + RequestToken.COOKIE + " cookie or Authorization: Bearer <token>"
                    + (options.allowQueryToken() ? ", or ?" + RequestToken.QUERY_PARAM + "=" : ""));
        }
        VerifiedToken verified = verified(token);
        Instant now = Instant.now();
        if (!verified.expiresAt().isAfter(now)) {
            // The verifier forgives 30 s of clock skew on exp, which suits a publish (done at once) but not a stream:
            // one opened with it would end at once, and a client would reconnect (or re-poll) with it in a tight loop.
            throw unauthorized("invalid_token", "the token expired " + Duration.between(verified.expiresAt(), now)
                    .toSeconds() + " s ago (at " + verified.expiresAt() + "); fetch a fresh one");
        }
        List<String> refused = verified.grants().refusedSubscriptions(privateOnes);
        if (!refused.isEmpty()) {
            metrics.refused(Refusal.CHANNEL_FORBIDDEN);
            throw new AccessRefusedException(403, "this token may not subscribe to " + String.join(", ", refused), null);
        }
        return new StreamPass(privateOnes, verified.expiresAt(),
                verified.subject().isEmpty() ? null : verified.subject(), verified.tokenId());
    }

    /**
     * Admits an admin (the console): a token in {@code Authorization: Bearer} or the credentials' cookie (the console's,
     * from a page of this server's own origin) whose claim holds {@code "admin": true}, not expired. Without a key, no
     * token can be an admin's: 403.
     *
     * @throws AccessRefusedException 401 without a token, with a bad one or an expired one; 403 for a token that is not
     *                                an admin's, a cookie from another site, or no key configured
     */
    @Override
    public Instant admitAdmin(Supplier<RequestCredentials> request) {
        if (verifier == null) {
            throw new AccessRefusedException(403, NO_ADMIN_WITHOUT_KEY, null);
        }
        RequestCredentials credentials = request.get();
        RequestToken token = RequestToken.of(credentials, false);
        if (token == null) {
            throw unauthorized(null, "the console needs an admin token: send Authorization: Bearer <token>, or sign in "
                    + "on the console's page (herald token --admin prints one)");
        }
        if (token.source() == RequestToken.Source.COOKIE && !credentials.sameOrigin()) {
            metrics.refused(Refusal.CROSS_SITE);
            throw new AccessRefusedException(403, "cross-site console request refused", null);
        }
        VerifiedToken verified = verified(token);
        Instant now = Instant.now();
        if (!verified.expiresAt().isAfter(now)) {
            throw unauthorized("invalid_token", "the token expired at " + verified.expiresAt() + "; mint a fresh one");
        }
        if (!verified.admin()) {
            metrics.refused(Refusal.CHANNEL_FORBIDDEN);
            throw new AccessRefusedException(403, "this token is not an admin's: its herald claim lacks \"admin\": true "
                    + "(herald token --admin prints one)", null);
        }
        return verified.expiresAt();
    }

    /**
     * The subject of a token a public stream brings, for presence: none without a token, or with one that does not
     * verify or names none. A public stream is never refused for its token, nor ended at its expiry.
     */
    private String subjectOf(RequestCredentials credentials) {
        try {
            RequestToken token = RequestToken.of(credentials, options.allowQueryToken());
            if (token == null) {
                return null;
            }
            VerifiedToken verified = verifier.verify(token.token());
            if (revocations.isRevoked(verified.tokenId(), Instant.now())) {
                return null; // a revoked token names no one, even on a public stream
            }
            String subject = verified.subject();
            return subject.isEmpty() ? null : subject;
        } catch (InvalidTokenException | InvalidRequestException ignored) {
            return null; // a public stream is not refused for its token: it is only not named
        }
    }

    private VerifiedToken verified(RequestToken token) {
        VerifiedToken verified;
        try {
            verified = verifier.verify(token.token());
        } catch (InvalidTokenException invalid) {
            throw unauthorized("invalid_token", invalid.getMessage());
        }
        if (revocations.isRevoked(verified.tokenId(), Instant.now())) {
            throw unauthorized("invalid_token", "the token was revoked");
        }
        return verified;
    }

    private AccessRefusedException unauthorized(String error, String message) {
        metrics.refused(error == null ? Refusal.TOKEN_MISSING : Refusal.TOKEN_INVALID);
        return new AccessRefusedException(401, message, error == null ? CHALLENGE : CHALLENGE + ", error=\"" + error + "\"");
    }
}
