package dev.herald.vertx;

import dev.herald.access.Grants;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Refusal;
import dev.herald.auth.InvalidTokenException;
import dev.herald.auth.TokenVerifier;
import dev.herald.auth.VerifiedToken;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Enforces {@link AccessOptions} on requests: reads the token (see {@link RequestToken}), checks it once, and answers
 * what is refused: 401 with {@code WWW-Authenticate: Bearer} for no token or a bad one (with
 * {@code error="invalid_token"}, RFC 6750, 3.1), 403 for a good token that does not cover the channel. Every answer is
 * JSON {@code {"status":"error","message":"..."}}.
 *
 * <p>Publishing is checked in two steps, because the channel is in the body: {@link #publisherGate()} (who is this?),
 * mounted after the body handler (Vert.x Web runs body handlers first), and {@link #authorizePublish} once the body
 * is read (may they publish there?).
 */
public final class TokenAccess {

    /** Where {@link #publisherGate()} leaves the publisher's grants for {@link #authorizePublish}. */
    static final String GRANTS_KEY = "dev.herald.vertx.grants";
    private static final String CHALLENGE = "Bearer realm=\"herald\"";

    private final AccessOptions options;
    private final TokenVerifier verifier;
    private final HeraldMetrics metrics;

    TokenAccess(AccessOptions options, HeraldMetrics metrics) {
        this.options = options;
        this.verifier = options.tokens().enabled() ? new TokenVerifier(options.tokens()) : null;
        this.metrics = metrics;
    }

    /** What the gate leaves on a request for {@link #authorizePublish}: the publisher's grants, and where to count a refusal. */
    private record PublisherPass(Grants grants, HeraldMetrics metrics) {
    }

    /** The options enforced. */
    public AccessOptions options() {
        return options;
    }

    /**
     * A route handler that lets a publisher through, with its grants noted for {@link #authorizePublish}, or answers
     * 401, or 403 for a cookie-authenticated publish from another site. Without a key every publisher may publish
     * everywhere. A token brought as the cookie counts only for a request of the page's own origin: a browser sends the
     * cookie with a form another site posts, so {@code Sec-Fetch-Site} must be {@code same-origin} (or absent, from an
     * older browser) and {@code Origin}, when present, this server's own (behind a TLS proxy, {@code https://} and the
     * {@code Host} the proxy passed on).
     */
    public Handler<RoutingContext> publisherGate() {
        return ctx -> {
            if (verifier == null) {
                ctx.put(GRANTS_KEY, new PublisherPass(Grants.ALL, metrics));
                ctx.next();
                return;
            }
            RequestToken token = RequestToken.of(ctx.request(), false);
            if (token == null) {
                unauthorized(ctx, null, "a token is required to publish: send Authorization: Bearer <token>, or the "
                        + RequestToken.COOKIE + " cookie from the page");
                return;
            }
            if (token.source() == RequestToken.Source.COOKIE && !sameOrigin(ctx.request())) {
                metrics.refused(Refusal.CROSS_SITE);
                JsonHttp.sendError(ctx, 403, "cross-site publish refused");
                return;
            }
            VerifiedToken verified = verified(ctx, token);
            if (verified != null) {
                ctx.put(GRANTS_KEY, new PublisherPass(verified.grants(), metrics));
                ctx.next();
            }
        };
    }

    /**
     * Refuses with 403 a publish on {@code channel} that the publisher's grants do not cover; call after
     * {@link #publisherGate()}.
     *
     * @throws HttpProblem 403 naming the channel
     * @throws IllegalStateException when the gate did not run on this route
     */
    public static void authorizePublish(RoutingContext ctx, String channel) {
        PublisherPass pass = ctx.get(GRANTS_KEY);
        if (pass == null) {
            throw new IllegalStateException("mount TokenAccess.publisherGate() before a handler that publishes");
        }
        if (!pass.grants().mayPublish(channel)) {
            pass.metrics().refused(Refusal.CHANNEL_FORBIDDEN);
            throw new HttpProblem(403, "this token may not publish on channel " + channel);
        }
    }

    /**
     * Admits a stream on {@code channels}, or answers 401 or 403 and returns null. A stream of public channels only is
     * admitted without looking at any token, until {@link Instant#MAX}; one naming private channels needs a token
     * covering all of them, and is admitted until that token's {@code exp}.
     */
    StreamPass admitStream(RoutingContext ctx, Set<String> channels) {
        Set<String> privateOnes = channels.stream().filter(options.privateChannels()::covers)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (privateOnes.isEmpty()) {
            return new StreamPass(Set.of(), Instant.MAX);
        }
        RequestToken token = RequestToken.of(ctx.request(), options.allowQueryToken());
        if (token == null) {
            unauthorized(ctx, null, "private channel " + String.join(", ", privateOnes) + " needs a token: send the "
                    + RequestToken.COOKIE + " cookie or Authorization: Bearer <token>"
                    + (options.allowQueryToken() ? ", or ?" + RequestToken.QUERY_PARAM + "=" : ""));
            return null;
        }
        VerifiedToken verified = verified(ctx, token);
        if (verified == null) {
            return null;
        }
        List<String> refused = verified.grants().refusedSubscriptions(privateOnes);
        if (!refused.isEmpty()) {
            metrics.refused(Refusal.CHANNEL_FORBIDDEN);
            JsonHttp.sendError(ctx, 403, "this token may not subscribe to " + String.join(", ", refused));
            return null;
        }
        return new StreamPass(privateOnes, verified.expiresAt());
    }

    /**
     * A stream let in.
     *
     * @param privateChannels the private channels it names; empty for a public stream
     * @param expiresAt       when its token expires; {@link Instant#MAX} for a public stream
     */
    record StreamPass(Set<String> privateChannels, Instant expiresAt) {
    }

    private VerifiedToken verified(RoutingContext ctx, RequestToken token) {
        try {
            return verifier.verify(token.token());
        } catch (InvalidTokenException invalid) {
            unauthorized(ctx, "invalid_token", invalid.getMessage());
            return null;
        }
    }

    private void unauthorized(RoutingContext ctx, String error, String message) {
        metrics.refused(error == null ? Refusal.TOKEN_MISSING : Refusal.TOKEN_INVALID);
        ctx.response().putHeader("WWW-Authenticate", error == null ? CHALLENGE : CHALLENGE + ", error=\"" + error + "\"");
        JsonHttp.sendError(ctx, 401, message);
    }

    private static boolean sameOrigin(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin")) {
            return false;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null && request.authority() != null) {
            host = request.authority().toString();
        }
        return host != null && (origin.equalsIgnoreCase(request.scheme() + "://" + host)
                || origin.equalsIgnoreCase("https://" + host));
    }
}
