package dev.herald.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.access.AccessControl;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerFactory;
import dev.herald.publish.Idempotency;
import dev.herald.publish.MemoryIdempotencyStore;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.limits.Limits;
import dev.herald.limits.LimitsOptions;
import dev.herald.metrics.HeraldCounters;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.presence.Presence;
import dev.herald.presence.PresenceOptions;
import dev.herald.publish.Backpressure;
import dev.herald.publish.Publisher;
import dev.herald.request.SseRoutesOptions;
import dev.herald.serve.AdminService;
import dev.herald.serve.PollService;
import dev.herald.serve.PresenceService;
import dev.herald.serve.PublishService;
import dev.herald.serve.HistoryService;
import dev.herald.serve.Services;
import dev.herald.serve.StreamService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Herald node, wired in one place for every adapter (the Vert.x {@code Herald}, the Spring starter, the server):
 * the broker (from its {@link BrokerFactory}) and its connection's state, the {@link Hub} that fans its events out, the
 * {@link Publisher}, the {@link Limits} with their periodic sweep, the {@link AccessControl}, the metrics, and the three
 * services an HTTP adapter renders: {@link #streams()}, {@link #polls()} and {@link #publishing()}.
 *
 * <pre>{@code
 * Node node = Node.builder().broker(BrokerFactory.memory()).start().toCompletableFuture().join();
 * }</pre>
 *
 * <p>One daemon thread, {@code herald-timers}, runs what happens at a time rather than on a request: the limits'
 * sweep, private streams' token expiry and long polls' waits (each handed to its stream's own thread).
 */
public final class Node implements AutoCloseable {

    /** How many of the newest admin actions a node reads from its broker's history at start, for their revocations. */
    static final int RECALLED_ADMIN_ACTIONS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    /** Set once {@link #closeAsync()} began: a start-up read the closing broker fails is then no warning. */
    private volatile boolean closing;

    private final BrokerFactory brokerFactory;
    private final BrokerFactory.Context brokerContext;
    private final Broker broker;
    private final Hub hub;
    private final Publisher publisher;
    private final Limits limits;
    private final AccessControl access;
    private final SseRoutesOptions routes;
    private final HubOptions hubOptions;
    private final HeraldMetrics metrics;
    private final HeraldCounters counters = new HeraldCounters();
    private final ScheduledExecutorService timers;
    private final Presence presence;
    private final Services services;
    private final HistoryService history;

    private Node(Builder builder, BrokerFactory.Context brokerContext, Broker broker) {
        this.brokerFactory = builder.broker;
        this.brokerContext = brokerContext;
        this.broker = broker;
        // One counting path: every count goes through HeraldMetrics, to the node's own totals and to the metrics given.
        this.metrics = HeraldMetrics.both(counters, builder.metrics);
        this.routes = builder.routes;
        this.hubOptions = builder.hub;
        this.access = Objects.requireNonNull(builder.access.apply(metrics), "access control");
        this.hub = new Hub(broker, builder.hub, metrics);
        Backpressure backpressure = new Backpressure(builder.hub.publishBacklog(), builder.hub.publishWait(),
                hub.backlog()::writes, metrics);
        hub.backlog().onPass(backpressure::release);
        this.publisher = new Publisher(broker, builder.json, metrics, new Idempotency(
                brokerContext.idempotencyStore().orElseGet(MemoryIdempotencyStore::new), builder.idempotencyWindow),
                backpressure);
        this.limits = new Limits(builder.limits, System::nanoTime, metrics);
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-timers");
            thread.setDaemon(true);
            return thread;
        });
        long sweepMillis = Limits.SWEEP_INTERVAL.toMillis();
        timers.scheduleAtFixedRate(limits::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        // Counts travel between nodes only through a broker other nodes share: the memory broker's node is alone.
        boolean otherNodes = !BrokerFactory.memory().kind().equals(brokerFactory.kind());
        this.presence = new Presence(builder.presence, hub, broker, publisher, otherNodes, timers, metrics);
        this.services = Services.of(hub, publisher, access, limits, routes, timers, otherNodes, presence);
        // Other nodes' admin actions (disconnect, revoke) arrive on a reserved channel; with one node, none do.
        // Subscribed first, then the revocations the broker's history still holds (Streams mode: Redis's) are read, so
        // none made meanwhile is missed; one made twice is applied twice, harmlessly.
        broker.subscribe(AdminService.CHANNEL, services.admin()::onControl)
                .thenCompose(subscribed -> broker.latest(Set.of(AdminService.CHANNEL), RECALLED_ADMIN_ACTIONS))
                .thenAccept(history -> services.admin().recall(history.events()))
                .exceptionally(error -> {
                    if (closing) {
                        // Stopped before it finished starting: the broker was closed under the read, nothing is wrong.
                        LOG.debug("the revocations were not read: the node stopped first ({})", error.getMessage());
                    } else {
                        LOG.warn("the revocations in the broker's history could not be read at start: {}",
                                error.getMessage());
                    }
                    return null;
                });
        this.history = new HistoryService(broker, access, builder.limits.trustedProxies());
    }

    /**
     * A builder with the defaults: the in-memory broker, {@link HubOptions#defaults()},
     * {@link SseRoutesOptions#defaults()}, {@link LimitsOptions#defaults()}, open access and no metrics.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the node's parts; each setter replaces the default. */
    public static final class Builder {
        private BrokerFactory broker = BrokerFactory.memory();
        private Duration idempotencyWindow = Idempotency.WINDOW.defaultValue();
        private HubOptions hub = HubOptions.defaults();
        private SseRoutesOptions routes = SseRoutesOptions.defaults();
        private LimitsOptions limits = LimitsOptions.defaults();
        private Function<HeraldMetrics, ? extends AccessControl> access = counted -> AccessControl.OPEN;
        private PresenceOptions presence = PresenceOptions.defaults();
        private HeraldMetrics metrics = HeraldMetrics.NONE;
        private ObjectMapper json = new ObjectMapper();
        private final Map<Class<?>, Object> shared = new HashMap<>();

        private Builder() {
        }

        /** The broker: {@link BrokerFactory#memory}, or a factory of another module (herald-redis's {@code BrokerOptions}). */
        public Builder broker(BrokerFactory factory) {
            this.broker = Objects.requireNonNull(factory, "broker factory");
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

        /** Which channels announce join and leave, and how long another node's counts last; by default none, 30 s. */
        public Builder presence(PresenceOptions options) {
            this.presence = Objects.requireNonNull(options, "presence options");
            return this;
        }

        /** Who may publish and read private channels; by default everyone, everywhere. */
        public Builder access(AccessControl access) {
            Objects.requireNonNull(access, "access control");
            this.access = counted -> access;
            return this;
        }

        /**
         * Who may publish and read private channels, made by the node from the metrics it counts with (its own totals
         * and the metrics given), so that the refusals the access control counts reach both: {@code /metrics} and the
         * node's status alike.
         */
        public Builder access(Function<HeraldMetrics, ? extends AccessControl> factory) {
            this.access = Objects.requireNonNull(factory, "access control factory");
            return this;
        }

        /** Where the node reports streams, events, drops, refusals and the broker's connection; by default nowhere. */
        public Builder metrics(HeraldMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * How the {@link Publisher} writes a Java object as an event's data: the application's mapper (its modules,
         * naming and features); by default a plain {@code new ObjectMapper()}.
         */
        public Builder json(ObjectMapper mapper) {
            this.json = Objects.requireNonNull(mapper, "object mapper");
            return this;
        }

        /** How long a publish's idempotency key is remembered: {@link Idempotency#WINDOW}. */
        public Builder idempotencyWindow(Duration window) {
            this.idempotencyWindow = Idempotency.WINDOW.check(window);
            return this;
        }

        /** Offers the broker an object of the application's to use rather than make its own (its Vert.x, say). */
        public <T> Builder share(Class<T> type, T object) {
            shared.put(type, Objects.requireNonNull(object, "shared object"));
            return this;
        }

        /** Connects the broker and builds the node; fails as the broker's factory does when it cannot connect. */
        public CompletionStage<Node> start() {
            BrokerFactory.Context context = new BrokerFactory.Context(new BrokerConnection(metrics), shared);
            return broker.connect(context).thenApply(connected -> new Node(this, context, connected));
        }
    }

    /** Opening streams: {@code GET .../stream}. */
    public StreamService streams() {
        return services.streams();
    }

    /** Answering polls and long polls: {@code GET .../poll}. */
    public PollService polls() {
        return services.polls();
    }

    /** Publishing over HTTP: {@code POST .../publish}, and the publish rate of an application's own publish routes. */
    public PublishService publishing() {
        return services.publishing();
    }

    /** Who is on which channel across every node: {@code GET .../presence}. */
    public PresenceService presence() {
        return services.presence();
    }

    /** The node's presence: counts across nodes, join and leave. */
    public Presence presenceCounts() {
        return presence;
    }

    /** Connection control for an admin: {@code .../admin/channels}, {@code disconnect}, {@code revoke}. */
    public AdminService admin() {
        return services.admin();
    }

    /** Reading a channel's history without subscribing: {@code GET .../history}. */
    public HistoryService history() {
        return history;
    }

    /** The hub, for streams served by other means: {@link Hub#subscribe} with a sink of your own, on its thread. */
    public Hub hub() {
        return hub;
    }

    /** The publish API. */
    public Publisher publisher() {
        return publisher;
    }

    /** The caps on streams and publishes, with their counts. */
    public Limits limits() {
        return limits;
    }

    /** Who may publish and read private channels. */
    public AccessControl access() {
        return access;
    }

    /** Heartbeats, retry, slow clients and the drain time. */
    public HubOptions hubOptions() {
        return hubOptions;
    }

    /** The routes' buffer, body and channel limits. */
    public SseRoutesOptions routesOptions() {
        return routes;
    }

    /** Where the node reports what it does: its own {@link #counters()} and the metrics it was given. */
    public HeraldMetrics metrics() {
        return metrics;
    }

    /** The node's totals so far: streams open, events published, dispatched and delivered, subscribers dropped. */
    public HeraldCounters counters() {
        return counters;
    }

    /** The broker, without any password, for logs and health details. */
    public String describeBroker() {
        return brokerFactory.describe();
    }

    /** The broker's kind, in a word: {@code memory}, {@code redis-pubsub}, {@code redis-streams} ({@link BrokerFactory#kind()}). */
    public String brokerKind() {
        return brokerFactory.kind();
    }

    /**
     * What this node reports about itself now, named {@code nodeId}, with its {@code topChannels} busiest channels
     * (see {@link NodeStatus}).
     */
    public NodeStatus status(String nodeId, int topChannels) {
        return NodeStatus.of(this, nodeId, topChannels);
    }

    /**
     * Runs {@code task} every {@code period} on the node's timer thread, from one period on, until the node closes (or
     * the returned future is cancelled). The task must be short and must not block: the timer also runs the limits'
     * sweep, token expiry and long polls' waits. A task that throws is not run again.
     */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        long millis = period.toMillis();
        return timers.scheduleAtFixedRate(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** False while the broker's connection to its store is lost and not yet restored; always true in memory. */
    public boolean brokerConnected() {
        return brokerContext.connection().isUp();
    }

    /** Ends every open stream, so that clients reconnect (elsewhere, or here later); completes when all are ended. */
    public CompletionStage<Void> closeStreams() {
        return hub.closeStreams();
    }

    /**
     * Drains the node for its stop: long polls answered at once, streams ended over the hub's drain time, each after a
     * last {@code retry} ({@link Hub#drain()}); completes once all have ended. The broker stays open meanwhile, so
     * events keep flowing to the streams not yet ended: {@link #closeAsync()} after.
     */
    public CompletionStage<Void> drain() {
        return hub.drain();
    }

    /** Whether the node drains for its stop: its readiness is then down. */
    public boolean draining() {
        return hub.draining();
    }

    /** Ends every stream, then closes the broker and stops the node's timers. */
    @Override
    public void close() {
        closeAsync();
    }

    /** {@link #close()}, completing once the streams are ended and the broker closed. */
    public CompletionStage<Void> closeAsync() {
        closing = true;
        return hub.closeStreams().whenComplete((ended, error) -> {
            presence.close();
            broker.close();
            brokerContext.afterClose().forEach(Runnable::run);
            timers.shutdownNow();
        });
    }
}
