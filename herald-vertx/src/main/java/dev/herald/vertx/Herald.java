package dev.herald.vertx;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.AccessOptions;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.hub.HubStats;
import dev.herald.limits.Limits;
import dev.herald.limits.LimitsOptions;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.publish.Publication;
import dev.herald.publish.Publisher;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.Brokers;
import dev.herald.request.SseRoutesOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Herald inside a Vert.x application: a broker, the hub that fans its events out to streams, the publish API and
 * the HTTP routes, built from options records in one call.
 *
 * <pre>{@code
 * Herald herald = Herald.builder().broker(BrokerOptions.memory()).build(vertx).await();
 * app.route("/events/*").subRouter(herald.router());   // GET /events/stream, /events/poll, POST /events/publish
 * herald.publish(Map.of("message", "Hello"), "notify");  // flask-sse's sse.publish
 * }</pre>
 *
 * <p>The application owns the {@link Vertx} instance and its HTTP server; {@link #close} releases what Herald holds
 * (streams, the broker and its Redis connections) and leaves both alone.
 */
public final class Herald {

    private final Vertx vertx;
    private final Broker broker;
    private final BrokerConnection brokerConnection;
    private final Hub hub;
    private final Publisher publisher;
    private final SseRoutesOptions routes;
    private final TokenAccess access;
    private final Limits limits;
    private final Handler<RoutingContext> publishRateLimit;
    private final Handler<RoutingContext> cors;
    private final long sweepTimer;

    private Herald(Vertx vertx, Broker broker, BrokerConnection brokerConnection, Builder builder) {
        this.vertx = vertx;
        this.broker = broker;
        this.brokerConnection = brokerConnection;
        this.hub = new Hub(broker, builder.hub, builder.metrics);
        this.publisher = new Publisher(broker, new ObjectMapper(), builder.metrics);
        this.routes = builder.routes;
        this.access = new TokenAccess(builder.access, builder.metrics);
        this.limits = new Limits(builder.limits, System::nanoTime, builder.metrics);
        this.publishRateLimit = new PublishRateLimit(limits);
        this.cors = Cors.handler(builder.cors);
        this.sweepTimer = vertx.setPeriodic(Limits.SWEEP_INTERVAL.toMillis(), id -> limits.sweep());
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
        private BrokerOptions broker = BrokerOptions.memory();
        private HubOptions hub = HubOptions.defaults();
        private SseRoutesOptions routes = SseRoutesOptions.defaults();
        private AccessOptions access = AccessOptions.open();
        private LimitsOptions limits = LimitsOptions.defaults();
        private CorsOptions cors = CorsOptions.none();
        private HeraldMetrics metrics = HeraldMetrics.NONE;

        private Builder() {
        }

        /** The broker: {@link BrokerOptions.Memory}, {@link BrokerOptions.RedisPubSub} or {@link BrokerOptions.RedisStreams}. */
        public Builder broker(BrokerOptions options) {
            this.broker = Objects.requireNonNull(options, "broker options");
            return this;
        }

        /** Heartbeats and the announced reconnection time. */
        public Builder hub(HubOptions options) {
            this.hub = Objects.requireNonNull(options, "hub options");
            return this;
        }

        /** Buffer, body and channel limits of the routes. */
        public Builder routes(SseRoutesOptions options) {
            this.routes = Objects.requireNonNull(options, "routes options");
            return this;
        }

        /** Streams per node and per client address, and the publish rate per client address. */
        public Builder limits(LimitsOptions options) {
            this.limits = Objects.requireNonNull(options, "limits options");
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
         * Builds Herald on the application's Vert.x. Completes at once for the memory broker; with Redis, once Redis
         * answered, and fails with a message naming the (password-free) URL when it cannot be reached.
         */
        public Future<Herald> build(Vertx vertx) {
            BrokerConnection connection = new BrokerConnection(metrics);
            return Brokers.connect(broker, vertx, connection).map(broker -> new Herald(vertx, broker, connection, this));
        }
    }

    /**
     * The routes, to mount at any prefix (flask-sse's Blueprint): {@code GET stream}, {@code GET poll} and
     * {@code POST publish}. Each
     * call makes a new router over the same hub, publisher and limits: the caps count the streams of all of them.
     */
    public Router router() {
        return SseRoutes.router(vertx, hub, publisher, routes, limits, publishRateLimit, cors, access);
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

    /** Publishes an event; completes with its id once the broker accepted it (see {@link Publisher#publish(Publication)}). */
    public CompletionStage<String> publish(Publication publication) {
        return publisher.publish(publication);
    }

    /** flask-sse's {@code sse.publish(data, type=...)} on the default channel: a String as it is, anything else as JSON. */
    public CompletionStage<String> publish(Object data, String type) {
        return publisher.publish(data, type);
    }

    /** The publish API, for routes of the application's own that publish (as the seed's {@code /send_notification}). */
    public Publisher publisher() {
        return publisher;
    }

    /** The hub, for serving a stream without the router: {@link Hub#subscribe} with a sink of your own. */
    public Hub hub() {
        return hub;
    }

    /** The caps on streams and publishes, with their counts (for tests in this package). */
    Limits limits() {
        return limits;
    }

    /** The limits the routes apply. */
    public SseRoutesOptions routesOptions() {
        return routes;
    }

    /**
     * Whether the broker can serve: false while its Redis connection is lost and not yet restored (streams get no live
     * events meanwhile); always true for the memory broker.
     */
    public boolean brokerConnected() {
        return brokerConnection.isUp();
    }

    /** The counters so far. */
    public HeraldStats stats() {
        HubStats hubStats = hub.stats();
        return new HeraldStats(hubStats.connections(), publisher.published(), hubStats.eventsDispatched(),
                hubStats.eventsDelivered(), hubStats.subscribersDropped());
    }

    /** Ends every open stream, so that clients reconnect (elsewhere, or here later); completes when all are ended. */
    public CompletionStage<Void> closeStreams() {
        return hub.closeStreams();
    }

    /** Ends every stream and closes the broker; the application's Vert.x and HTTP server are left as they are. */
    public CompletionStage<Void> close() {
        vertx.cancelTimer(sweepTimer);
        return hub.closeStreams().whenComplete((ended, error) -> broker.close());
    }
}
