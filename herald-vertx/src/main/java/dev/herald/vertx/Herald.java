package dev.herald.vertx;

import dev.herald.auth.AccessOptions;
import dev.herald.auth.AccessRules;
import dev.herald.broker.BrokerFactory;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.limits.Limits;
import dev.herald.limits.LimitsOptions;
import dev.herald.presence.PresenceOptions;
import dev.herald.metrics.HeraldCounters;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.node.Node;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishReceipt;
import dev.herald.publish.PublishedBatch;
import dev.herald.publish.Publisher;
import dev.herald.request.SseRoutesOptions;
import dev.herald.web.console.Console;
import dev.herald.web.console.ConsoleMode;
import dev.herald.web.console.ConsoleOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Herald inside a Vert.x application: a {@link Node} (the broker, the hub that fans its events out to streams, the
 * publish API, limits and access) and its HTTP routes, built from options records in one call.
 *
 * <pre>{@code
 * Herald herald = Herald.builder().broker(BrokerFactory.memory()).build(vertx).await();
 * app.route("/events/*").subRouter(herald.router());   // GET /events/stream, /events/poll, POST /events/publish
 * herald.publish(Map.of("message", "Hello"), "notify");  // flask-sse's sse.publish
 * }</pre>
 * With herald-redis, {@code .broker(new BrokerOptions.RedisStreams("redis://localhost:6379/0", 1000))}: the Redis
 * brokers use the application's Vert.x.
 *
 * <p>The application owns the {@link Vertx} instance and its HTTP server; {@link #close} releases what Herald holds
 * (streams, the broker and its Redis connections) and leaves both alone.
 */
public final class Herald {

    private final Vertx vertx;
    private final Node node;
    private final TokenAccess access;
    private final Handler<RoutingContext> publishRateLimit;
    private final Handler<RoutingContext> cors;
    /** Null when the console is off. */
    private final Console console;

    private Herald(Vertx vertx, Node node, CorsOptions cors, ConsoleOptions console) {
        this.vertx = vertx;
        this.node = node;
        this.console = console.mode() == ConsoleMode.OFF ? null : Console.start(node, console);
        this.access = new TokenAccess(node.access());
        this.publishRateLimit = new PublishRateLimit(node.publishing());
        this.cors = Cors.handler(cors);
    }

    /**
     * A builder with the defaults: the in-memory broker, {@link HubOptions#defaults()},
     * {@link SseRoutesOptions#defaults()}, {@link LimitsOptions#defaults()} and no CORS.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects validated options records; each setter replaces the default. */
    public static final class Builder {
        private final Node.Builder node = Node.builder();
        private AccessOptions access = AccessOptions.open();
        private CorsOptions cors = CorsOptions.none();
        private HeraldMetrics metrics = HeraldMetrics.NONE;
        private ConsoleOptions console = ConsoleOptions.off();

        private Builder() {
        }

        /**
         * The broker: {@link BrokerFactory#memory} by default, or another module's factory (herald-redis's
         * {@code BrokerOptions.RedisPubSub} or {@code RedisStreams}).
         */
        public Builder broker(BrokerFactory factory) {
            node.broker(factory);
            return this;
        }

        /** Heartbeats and the announced reconnection time. */
        public Builder hub(HubOptions options) {
            node.hub(options);
            return this;
        }

        /** How long a publish's Idempotency-Key is remembered ({@link dev.herald.publish.Idempotency#WINDOW}). */
        public Builder idempotencyWindow(java.time.Duration window) {
            node.idempotencyWindow(window);
            return this;
        }

        /** Buffer, body and channel limits of the routes. */
        public Builder routes(SseRoutesOptions options) {
            node.routes(options);
            return this;
        }

        /** Streams per node and per client address, and the publish rate per client address. */
        public Builder limits(LimitsOptions options) {
            node.limits(options);
            return this;
        }

        /** Which channels announce join and leave, and how long another node's presence counts last. */
        public Builder presence(PresenceOptions options) {
            node.presence(options);
            return this;
        }

        /** Which other origins' pages may use the routes from a browser. */
        public Builder cors(CorsOptions options) {
            this.cors = Objects.requireNonNull(options, "CORS options");
            return this;
        }

        /** Publisher tokens and private channels; by default publishing and every stream are open. */
        public Builder access(AccessOptions options) {
            this.access = Objects.requireNonNull(options, "access options");
            return this;
        }

        /** Where Herald reports streams, events, drops and the broker's connection; by default nowhere. */
        public Builder metrics(HeraldMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * The console at {@code console/} below the routes' prefix ({@link ConsoleOptions}); off by default. Mode
         * {@code auto} opens it without a token only when {@link ConsoleOptions#loopbackBind()} says the application's
         * server listens on loopback only, which the application knows and Herald does not.
         */
        public Builder console(ConsoleOptions options) {
            this.console = Objects.requireNonNull(options, "console options");
            return this;
        }

        /**
         * Builds Herald on the application's Vert.x. Completes at once for the memory broker; with Redis, once Redis
         * answered, and fails with a message naming the (password-free) URL when it cannot be reached.
         */
        public Future<Herald> build(Vertx vertx) {
            node.metrics(metrics).access(counted -> new AccessRules(access, counted)).share(Vertx.class, vertx);
            return Future.fromCompletionStage(node.start(), vertx.getOrCreateContext())
                    .map(started -> new Herald(vertx, started, cors, console));
        }
    }

    /**
     * The routes, to mount at any prefix (flask-sse's Blueprint): {@code GET stream}, {@code GET poll},
     * {@code POST publish} and {@code POST publish/batch}, the admin's under {@code admin/} (an admin token needed),
     * and the console's under {@code console/} when it is on. Each call makes a new router over the same node: the
     * caps count the streams of all of them.
     */
    public Router router() {
        Router router = SseRoutes.router(vertx, node, publishRateLimit, cors);
        AdminRoutes.mount(router, node.admin(), node.routesOptions().bodyLimitBytes());
        if (console != null) {
            ConsoleRoutes.mount(router, console, node.routesOptions().bodyLimitBytes(),
                    node.routesOptions().bufferLimitBytes());
        }
        return router;
    }

    /**
     * The publish-rate limit of {@code POST publish}, for the application's own publish routes (as the seed's
     * {@code /send_notification}), so that a client address has one budget for all: give it a route of its own before
     * theirs (Vert.x runs a body handler before the others of its route, and the limit should come before the body).
     */
    public Handler<RoutingContext> publishRateLimit() {
        return publishRateLimit;
    }

    /**
     * The CORS policy of the routes, for the application's own routes that pages of other origins call: put it first
     * on a route that takes every method, so that it answers their preflight {@code OPTIONS}.
     */
    public Handler<RoutingContext> cors() {
        return cors;
    }

    /**
     * Who may publish and read private channels, for routes of the application's own that publish: mount
     * {@link TokenAccess#publisherGate()} before them and call {@link TokenAccess#authorizePublish} with the channel.
     */
    public TokenAccess access() {
        return access;
    }

    /**
     * Publishes an event; completes with its id once the broker accepted it (see {@link Publisher#publish(Publication)}):
     * on one channel, or as one event with one id on each of {@link Publication#channels()}; with an
     * {@link Publication#idempotencyKey() idempotency key}, a repeat within the window completes with the first id and
     * publishes nothing, one while the first is under way fails with {@link dev.herald.publish.PublishInFlightException}.
     */
    public CompletionStage<String> publish(Publication publication) {
        return node.publisher().publish(publication);
    }

    /** As {@link #publish(Publication)}, also telling whether an earlier publish with the same key made the event. */
    public CompletionStage<PublishReceipt> submit(Publication publication) {
        return node.publisher().submit(publication);
    }

    /**
     * A batch, as {@code POST publish/batch}: every publication admitted before any is published, then each published
     * in order, each with its own idempotency key if it has one (see {@link Publisher#publishAll}).
     */
    public CompletionStage<PublishedBatch> publishAll(List<Publication> publications) {
        return node.publisher().publishAll(publications);
    }

    /** flask-sse's {@code sse.publish(data, type=...)} on the default channel: a String as it is, anything else as JSON. */
    public CompletionStage<String> publish(Object data, String type) {
        return node.publisher().publish(data, type);
    }

    /** The publish API, for routes of the application's own that publish (as the seed's {@code /send_notification}). */
    public Publisher publisher() {
        return node.publisher();
    }

    /** The hub, for serving a stream without the router: {@link Hub#subscribe} with a sink of your own. */
    public Hub hub() {
        return node.hub();
    }

    /** The node under the routes: its services, limits and access, for an adapter of your own. */
    public Node node() {
        return node;
    }

    /** The caps on streams and publishes, with their counts (for tests in this package). */
    Limits limits() {
        return node.limits();
    }

    /** Heartbeats, retry, slow clients and the drain time. */
    public HubOptions hubOptions() {
        return node.hubOptions();
    }

    /** The limits the routes apply. */
    public SseRoutesOptions routesOptions() {
        return node.routesOptions();
    }

    /**
     * Whether the broker can serve: false while its Redis connection is lost and not yet restored (streams get no live
     * events meanwhile); always true for the memory broker.
     */
    public boolean brokerConnected() {
        return node.brokerConnected();
    }

    /** The counters so far. */
    public HeraldStats stats() {
        HeraldCounters counters = node.counters();
        return new HeraldStats(counters.streamsOpen(), counters.eventsPublished(), counters.eventsDispatched(),
                counters.eventsDelivered(), counters.subscribersDropped(), counters.publishesSlowed());
    }

    /** Ends every open stream, so that clients reconnect (elsewhere, or here later); completes when all are ended. */
    public CompletionStage<Void> closeStreams() {
        return node.closeStreams();
    }

    /**
     * Drains Herald for a stop (call once the application stops accepting connections): waiting long polls are answered
     * at once, and the streams end at random instants over the hub's drain time, each after a last {@code retry}, so
     * that their clients reconnect elsewhere spread out (see {@link dev.herald.hub.DrainPlan}); events reach every
     * stream until it ends. Completes once all have ended; then {@link #close()}.
     */
    public CompletionStage<Void> drain() {
        return node.drain();
    }

    /** Whether {@link #drain()} was called: readiness is down from then on. */
    public boolean draining() {
        return node.draining();
    }

    /** Ends every stream and closes the broker; the application's Vert.x and HTTP server are left as they are. */
    public CompletionStage<Void> close() {
        if (console != null) {
            console.close();
        }
        return node.closeAsync();
    }
}
