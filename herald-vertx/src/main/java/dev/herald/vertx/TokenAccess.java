package dev.herald.vertx;

import dev.herald.access.Grants;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.AccessRefusedException;
import dev.herald.auth.AccessRules;
import dev.herald.auth.RequestCredentials;
import dev.herald.auth.RequestToken;
import dev.herald.auth.StreamPass;
import dev.herald.metrics.HeraldMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Enforces {@link AccessOptions} on the Vert.x routes: the decisions are {@link AccessRules}' (which token counts,
 * whether it verifies and covers the channels, the same-origin rule, what each refusal answers and counts); this class
 * reads the request's values for them and sends their refusals, JSON {@code {"status":"error","message":"..."}} with
 * {@code WWW-Authenticate} on a 401.
 *
 * <p>Publishing is checked in two steps, because the channel is in the body: {@link #publisherGate()} (who is this?),
 * mounted after the body handler (Vert.x Web runs body handlers first), and {@link #authorizePublish} once the body
 * is read (may they publish there?).
 */
public final class TokenAccess {

    /** Where {@link #publisherGate()} leaves the publisher's grants for {@link #authorizePublish}. */
    static final String GRANTS_KEY = "dev.herald.vertx.grants";

    private final AccessRules rules;

    TokenAccess(AccessOptions options, HeraldMetrics metrics) {
        this.rules = new AccessRules(options, metrics);
    }

    /** What the gate leaves on a request for {@link #authorizePublish}: the publisher's grants, and the rules to apply. */
    private record PublisherPass(Grants grants, AccessRules rules) {
    }

    /** The options enforced. */
    public AccessOptions options() {
        return rules.options();
    }

    /**
     * A route handler that lets a publisher through, with its grants noted for {@link #authorizePublish}, or answers
     * 401, or 403 for a cookie-authenticated publish from another site (see {@link AccessRules#admitPublisher}).
     * Without a key every publisher may publish everywhere.
     */
    public Handler<RoutingContext> publisherGate() {
        return ctx -> {
            Grants grants;
            try {
                grants = rules.admitPublisher(() -> credentials(ctx.request(), false));
            } catch (AccessRefusedException refused) {
                refuse(ctx, refused);
                return;
            }
            ctx.put(GRANTS_KEY, new PublisherPass(grants, rules));
            ctx.next();
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
        try {
            pass.rules().authorizePublish(pass.grants(), channel);
        } catch (AccessRefusedException refused) {
            throw new HttpProblem(refused.status(), refused.getMessage());
        }
    }

    /** Admits a stream on {@code channels}, or answers 401 or 403 and returns null (see {@link AccessRules#admitStream}). */
    StreamPass admitStream(RoutingContext ctx, Set<String> channels) {
        try {
            return rules.admitStream(channels, () -> credentials(ctx.request(), rules.options().allowQueryToken()));
        } catch (AccessRefusedException refused) {
            refuse(ctx, refused);
            return null;
        }
    }

    private static void refuse(RoutingContext ctx, AccessRefusedException refused) {
        if (refused.challenge() != null) {
            ctx.response().putHeader("WWW-Authenticate", refused.challenge());
        }
        JsonHttp.sendError(ctx, refused.status(), refused.getMessage());
    }

    private static RequestCredentials credentials(HttpServerRequest request, boolean withQuery) {
        Cookie cookie = request.getCookie(RequestToken.COOKIE);
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null && request.authority() != null) {
            host = request.authority().toString();
        }
        return new RequestCredentials(request.getHeader(HttpHeaders.AUTHORIZATION), cookie == null ? null : cookie.getValue(),
                withQuery ? request.getParam(RequestToken.QUERY_PARAM) : null, request.getHeader("Sec-Fetch-Site"),
                request.getHeader(HttpHeaders.ORIGIN), host, request.scheme());
    }
}
