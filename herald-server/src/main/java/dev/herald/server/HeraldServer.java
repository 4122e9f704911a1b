package dev.herald.server;

import dev.herald.micrometer.MicrometerMetrics;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.Brokers;
import dev.herald.server.webhook.GitHubWebhookRoute;
import dev.herald.server.webhook.MemoryRedeliveries;
import dev.herald.server.webhook.Redeliveries;
import dev.herald.server.webhook.RedisRedeliveries;
import dev.herald.server.webhook.StandardWebhookRoute;
import dev.herald.server.webhook.WebhookAccess;
import dev.herald.vertx.Herald;
import dev.herald.vertx.JsonHttp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable Herald: a {@link Herald} built from the config, its routes at the root, the seed's
 * {@code /send_notification}, the GitHub webhook at {@code /webhook/github}, the Standard Webhooks at
 * {@code /webhook/<name>} and the page at {@code /}, served on every event loop of its own Vert.x
 * ({@link EventLoopOptions}).
 */
public final class HeraldServer {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldServer.class);
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    private final Vertx vertx;
    private final ListeningSockets sockets;
    private final Herald herald;
    private final LoopListeners listeners;
    private final Redeliveries redeliveries;
    private final HttpServer managementServer;
    private final PrometheusMeterRegistry registry;

    private HeraldServer(Vertx vertx, ListeningSockets sockets, Herald herald, LoopListeners listeners,
                         Redeliveries redeliveries, HttpServer managementServer, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.sockets = sockets;
        this.herald = herald;
        this.listeners = listeners;
        this.redeliveries = redeliveries;
        this.managementServer = managementServer;
        this.registry = registry;
    }

    /** Starts a server; the future completes once it listens (and, with Redis, once Redis answered). */
    public static Future<HeraldServer> start(HeraldConfig config) {
        H2cDecoding h2cDecoding = new H2cDecoding();
        ListeningSockets sockets = new ListeningSockets(h2cDecoding.acceptor());
        Transport transport = transportFor(config.loops());
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(config.loops().eventLoops()))
                .withTransport(sockets.recording(transport))
                .build();
        PrometheusMeterRegistry registry = new ServerRegistry();
        return Herald.builder().broker(config.broker()).hub(config.hub()).idempotencyWindow(config.idempotencyWindow()).routes(config.routes()).access(config.access())
                .limits(config.limits()).presence(config.presence()).cors(config.cors()).metrics(new MicrometerMetrics(registry))
                .console(config.consoleOptions(config.port()))
                .build(vertx)
                .compose(herald -> listenWithManagement(vertx, sockets, h2cDecoding, herald, registry, config)
                        .onFailure(error -> herald.close()))
                .onSuccess(server -> logLoops(transport, config.loops()))
                .onFailure(error -> {
                    registry.close();
                    vertx.close();
                });
    }

    /**
     * The transport of a Vert.x with exactly as many event loops as HTTP listeners: asked to prefer the native one,
     * epoll when Netty's native library loads and NIO otherwise, as Vert.x itself would choose, without a word;
     * {@link #logLoops} says which. It is chosen here since Vert.x runs on it wrapped ({@link ListeningSockets}).
     */
    private static Transport transportFor(EventLoopOptions loops) {
        Transport available = loops.nativeTransport() ? Transport.nativeTransport() : null;
        return available != null && available.available() ? available : Transport.NIO;
    }

    /** Once, when listening: how many loops serve HTTP, and over which transport. */
    private static void logLoops(Transport chosen, EventLoopOptions loops) {
        String transport = chosen != Transport.NIO ? "Netty's native " + chosen.name() + " transport"
                : loops.nativeTransport() ? "the JDK's NIO (Netty's native epoll transport is not available here)"
                : "the JDK's NIO (native-transport is off)";
        LOG.info("HTTP on " + loops.eventLoops() + " event loop"
                + (loops.eventLoops() == 1 ? "" : "s") + ", over " + transport);
    }

    /**
     * With a management port, its server first (it alone serves health, readiness and metrics, to everyone who reaches
     * it); otherwise the application's server serves them too, the metrics behind a publisher token when tokens are on.
     */
    private static Future<HeraldServer> listenWithManagement(Vertx vertx, ListeningSockets sockets,
                                                             H2cDecoding h2cDecoding, Herald herald,
                                                             PrometheusMeterRegistry registry, HeraldConfig config) {
        ManagementOptions management = config.management();
        if (management.port().isEmpty()) {
            return listen(vertx, sockets, h2cDecoding, herald, config, registry, null);
        }
        Router router = Router.router(vertx);
        ManagementRoutes.mount(router, herald, registry, management.metricsPath(), RoutingContext::next);
        JsonHttp.answerRouterErrors(router);
        int port = management.port().getAsInt();
        // no h2c (Vert.x's default): probes and scrapers speak HTTP/1.1, which StrictRequestDecoder then guards
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(port)
                .setHttp2ClearTextEnabled(false);
        return RequestFraming.install(vertx.createHttpServer(options), options, connection -> { }, router)
                .listen()
                .recover(error -> cannotListen(config.host(), port, " (--management-port)", error))
                .compose(managementServer -> listen(vertx, sockets, h2cDecoding, herald, config, registry,
                        managementServer)
                        .onFailure(error -> managementServer.close()));
    }

    /** A failed listen, named by the address it was for: with a management port there are two. */
    private static <T> Future<T> cannotListen(String host, int port, String which, Throwable error) {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return Future.failedFuture(new IllegalStateException("cannot listen on " + address + ":" + port + which + ": "
                + error.getMessage(), error));
    }

    private static Future<HeraldServer> listen(Vertx vertx, ListeningSockets sockets, H2cDecoding h2cDecoding,
                                               Herald herald, HeraldConfig config, PrometheusMeterRegistry registry,
                                               HttpServer managementServer) {
        ConnectionDeadlines deadlines = new ConnectionDeadlines(vertx, config.timeouts());
        Redeliveries redeliveries = redeliveriesFor(vertx, config.broker());
        GitHubWebhookRoute gitHubWebhook = new GitHubWebhookRoute(herald.publisher(), config.gitHubWebhook(),
                WebhookAccess.of(config.host(), config.gitHubWebhook()), redeliveries);
        StandardWebhookRoute standardWebhooks = new StandardWebhookRoute(herald.publisher(), config.webhooks(),
                redeliveries, Clock.systemUTC());
        // One router per listener, built on its loop; what the routes share (Herald, limits, deadlines, webhooks) is
        // safe from any loop.
        Supplier<Router> routes = () -> {
            Router root = Router.router(vertx);
            root.route().handler(new AccessLog(config.limits().trustedProxies()));
            root.route().handler(deadlines);
            if (managementServer == null) {
                ManagementRoutes.mount(root, herald, registry, config.management().metricsPath(),
                        herald.access().metricsGate());
            }
            root.route("/*").subRouter(herald.router());
            NotificationRoutes.mount(root, herald, config.routes().bodyLimitBytes());
            gitHubWebhook.mount(root, config.routes().bodyLimitBytes());
            standardWebhooks.mount(root, config.routes().bodyLimitBytes());
            PageRoutes.mount(root);
            JsonHttp.answerRouterErrors(root);
            return root;
        };

        // No WebSocket here: without its compression extensions Netty's pipeline loses a handler that looked at
        // every write of every stream. Strict thread mode: every response is written on its connection's event loop
        // (Herald hops back there itself), so Vert.x writes straight to the channel instead of through a queue that
        // other threads could write to, which with its first chunk is 4.8 KiB per HTTP/1.1 connection.
        // The socket's send buffer is capped at half the stream buffer limit: Linux doubles the value asked (for its
        // bookkeeping) and then no longer grows the buffer by itself (up to tcp_wmem's maximum, 4 MiB by default), so
        // the kernel holds at most about buffer-limit for a client that stopped reading, beside the buffer-limit Netty
        // holds: such a client is dropped once about twice buffer-limit waits for it here, not megabytes.
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setSendBufferSize(sendBufferBytes(config.routes().bufferLimitBytes()))
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false)
                .setStrictThreadMode(true)
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setTcpUserTimeout(tcpUserTimeoutMillis(config.hub().slowClientTimeout()));
        configureProtocols(options, config.protocols(), config.timeouts());
        if (options.isHttp2ClearTextEnabled()) {
            h2cDecoding.use(options);
        }
        return LoopListeners.listen(vertx, config.loops().eventLoops(), options, routes, deadlines::opened)
                .recover(error -> cannotListen(config.host(), config.port(), "", error))
                .map(listeners -> new HeraldServer(vertx, sockets, herald, listeners, redeliveries, managementServer,
                        registry))
                .onFailure(error -> redeliveries.close());
    }

    /**
     * The {@code TCP_USER_TIMEOUT} of the application port's connections: {@code slow-client-timeout}, the same bound
     * one layer down. What Herald wrote and the kernel sent may stay unacknowledged at most this long before the kernel
     * gives the connection up (Linux 2.6.37; a closed receive window too, since 5.11), so a client whose machine
     * vanished without a FIN on a quiet channel, whose heartbeats all fit the kernel's send buffer and never wait in
     * Herald, is dropped within a heartbeat plus this time, not after TCP's ~15 minutes of retransmissions
     * ({@code tcp_retries2}). Keepalive would not do it: its probes start only when nothing waits unacknowledged, and
     * heartbeats always do. Netty's epoll transport sets it; under the JDK's NIO Vert.x leaves it unset (the JDK has no
     * such socket option).
     */
    static int tcpUserTimeoutMillis(Duration slowClientTimeout) {
        return (int) Math.min(Integer.MAX_VALUE, slowClientTimeout.toMillis());
    }

    /** The socket send buffer asked for a stream buffer limit: half of it, which Linux doubles. */
    static int sendBufferBytes(int bufferLimitBytes) {
        return bufferLimitBytes / 2;
    }

    /**
     * The longest HTTP/1.1 request line: every stream a client may ask for fits, 64 channels of 200 characters and an
     * id of 256, each percent-encoded at up to 9 bytes a character (115,776 + 2,304 bytes and the path), where Netty's
     * default 4,096 refused 414 to 19 channel names of 200 plain letters. Netty grows the line's buffer only as far as
     * the line goes; headers stay at 8 KiB.
     */
    static final int MAX_REQUEST_LINE_BYTES = 128 * 1024;

    /**
     * TLS with ALPN (h2 and HTTP/1.1) or h2c, and the guard of connections Vert.x has not reported yet: Netty's idle
     * handler, set to the request timeout, closes a connection that sends nothing during its TLS handshake, before its
     * HTTP/2 preface, or before h2c's first bytes tell the protocol; {@link ConnectionDeadlines#opened} removes it once
     * Vert.x reports the connection, since it would also cut a quiet stream.
     */
    private static void configureProtocols(HttpServerOptions options, ProtocolOptions protocols, TimeoutOptions timeouts) {
        int requestTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeouts.requestTimeout().toMillis());
        options.setIdleTimeout(requestTimeoutMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        options.setHttp2ClearTextEnabled(protocols.h2c());
        if (protocols.tls()) {
            options.setSsl(true).setUseAlpn(true).setKeyCertOptions(protocols.keyCertOptions())
                    .setSslHandshakeTimeout(requestTimeoutMillis).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        }
    }

    /** On Redis, every node shares the delivery ids through it; otherwise this node remembers its own. */
    private static Redeliveries redeliveriesFor(Vertx vertx, BrokerOptions broker) {
        if (!(broker instanceof BrokerOptions.Memory)) {
            return new RedisRedeliveries(vertx, Brokers.commandOptions(broker));
        }
        return new MemoryRedeliveries(MemoryRedeliveries.DEFAULT_CAPACITY);
    }

    /** The port it listens on. */
    public int port() {
        return listeners.port();
    }

    /** The names of the event-loop threads serving the application's port, one per {@code --event-loops}. */
    public Set<String> eventLoopThreads() {
        return listeners.threads();
    }

    /** The port of health, readiness and metrics when they have one of their own ({@code --management-port}). */
    public OptionalInt managementPort() {
        return managementServer == null ? OptionalInt.empty() : OptionalInt.of(managementServer.actualPort());
    }

    /** The longest a {@link #stop()} takes: the drain time, and time to close the rest. */
    public Duration stopTimeout() {
        return herald.hubOptions().drainTime().plusSeconds(3 * SHUTDOWN_GRACE_SECONDS);
    }

    /** The Herald this server runs, for its publish API and counters. */
    public Herald herald() {
        return herald;
    }

    /**
     * Stops accepting connections, drains (long polls answered at once, streams ended spread over the drain time, each
     * after a last {@code retry}: {@link Herald#drain()}), then releases everything. The listening sockets are closed
     * first (see {@link ListeningSockets}): a client whose stream ended cannot reconnect to this node, and none is
     * accepted while the servers leave their event loops. The management server, if any, stays up through the drain,
     * its {@code /ready} answering 503.
     */
    public CompletionStage<Void> stop() {
        Duration drainTime = herald.hubOptions().drainTime();
        LOG.info("shutting down; streams to end: " + herald.stats().streamsOpen()
                + (drainTime.isZero() ? ", at once" : ", over " + drainTime.toMillis() + " ms"));
        // The grace lets the drain end every stream; past it Vert.x closes what is left.
        long graceMillis = drainTime.toMillis() + TimeUnit.SECONDS.toMillis(SHUTDOWN_GRACE_SECONDS);
        Future<Void> stopped = sockets.close().compose(closed -> {
            Future<Void> listenersStopped = listeners.shutdown(graceMillis, TimeUnit.MILLISECONDS);
            Future<Void> drained = Future.fromCompletionStage(herald.drain());
            return Future.join(listenersStopped, drained).<Void>mapEmpty();
        }).eventually(() -> managementServer == null ? Future.<Void>succeededFuture() : managementServer.close());
        // Vert.x is closed from a thread of its own: closed from one of its event loops, it never completes.
        return stopped.toCompletionStage()
                .handle((ignored, error) -> (Void) null)
                .thenCompose(ignored -> herald.close())
                .whenComplete((ignored, error) -> {
                    redeliveries.close();
                    registry.close();
                })
                .thenComposeAsync(ignored -> vertx.close().toCompletionStage());
    }
}
