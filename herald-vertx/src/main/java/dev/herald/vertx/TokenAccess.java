package dev.herald.vertx;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.Grants;
import dev.herald.access.RequestCredentials;
import dev.herald.request.InvalidRequestException;
import dev.herald.serve.Refused;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's {@link AccessControl} for routes of the application's own that publish (as the seed's
 * {@code /send_notification}); Herald's own routes get it through the serving core. Publishing is checked in two
 * steps, because the channel is in the body: {@link #publisherGate()} (who is this?), mounted after the body handler
 * (Vert.x Web runs body handlers first), and {@link #authorizePublish} once the body is read (may they publish
 * there?). Refusals are JSON {@code {"status":"error","message":"..."}}, with {@code WWW-Authenticate} on a 401.
 */
public final class TokenAccess {

    /** Where {@link #publisherGate()} leaves the publisher's grants for {@link #authorizePublish}. */
    static final String GRANTS_KEY = "dev.herald.vertx.grants";

    private final AccessControl access;

    TokenAccess(AccessControl access) {
        this.access = access;
    }

    /** What the gate leaves on a request for {@link #authorizePublish}: the publisher's grants, and who to ask. */
    private record PublisherPass(Grants grants, AccessControl access) {
    }

    /**
     * A route handler that lets a publisher through, with its grants noted for {@link #authorizePublish}, or answers
     * 401, or 403 for a cookie-authenticated publish from another site (see {@link AccessControl#admitPublisher}).
     * Without a key every publisher may publish everywhere.
     */
    public Handler<RoutingContext> publisherGate() {
        return ctx -> {
            Grants grants = decide(ctx, access::admitPublisher);
            if (grants != null) {
                ctx.put(GRANTS_KEY, new PublisherPass(grants, access));
                ctx.next();
            }
        };
    }

    /**
     * A route handler that lets a reader of the metrics through ({@link AccessControl#admitMetricsReader}: a publisher
     * token as {@code Authorization: Bearer} when tokens are on), or answers 401 or 403.
     */
    public Handler<RoutingContext> metricsGate() {
        return ctx -> {
            Boolean admitted = decide(ctx, credentials -> {
                access.admitMetricsReader(credentials);
                return Boolean.TRUE;
            });
            if (admitted != null) {
                ctx.next();
            }
        };
    }

    /**
     * Runs an access decision on the request's credentials (never the query's token); answers its refusal (401 or 403,
     * or 400 for a credential given twice) and returns null.
     */
    private static <T> T decide(RoutingContext ctx, Function<Supplier<RequestCredentials>, T> decision) {
        try {
            return decision.apply(() -> new VertxRequest(ctx).credentials(false));
        } catch (AccessRefusedException refused) {
            JsonHttp.send(ctx, Refused.of(refused));
        } catch (InvalidRequestException repeated) {
            JsonHttp.send(ctx, Refused.of(400, repeated.getMessage()));
        }
        return null;
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
            pass.access().authorizePublish(pass.grants(), channel);
        } catch (AccessRefusedException refused) {
            throw new HttpProblem(refused.status(), refused.getMessage());
        }
    }
}
