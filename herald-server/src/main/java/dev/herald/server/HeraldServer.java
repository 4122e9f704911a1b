package dev.herald.server;

import dev.herald.broker.Broker;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.publish.Publisher;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.pubsub.PubSubRelay;
import dev.herald.redis.streams.StreamsBroker;
import dev.herald.vertx.JsonHttp;
import dev.herald.vertx.SseRoutes;
import dev.herald.vertx.SseRoutesOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The runnable Herald: the broker (in memory, or Redis Pub/Sub or Streams when a Redis URL is given), the hub, the SSE routes at the root, the seed's
 * {@code /send_notification} and its page at {@code /}. The only place that picks concrete classes.
 */
public final class HeraldServer {

    private static final System.Logger LOG = System.getLogger(HeraldServer.class.getName());
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    private final Vertx vertx;
    private final Broker broker;
    private final Hub hub;
    private final Publisher publisher;
    private final HttpServer server;

    private HeraldServer(Vertx vertx, Broker broker, Hub hub, Publisher publisher, HttpServer server) {
        this.vertx = vertx;
        this.broker = broker;
        this.hub = hub;
        this.publisher = publisher;
        this.server = server;
    }

    /** Starts a server; the future completes once it listens (and, with Redis, once Redis answered). */
    public static Future<HeraldServer> start(HeraldConfig config) {
        Vertx vertx = Vertx.vertx();
        return brokerFor(vertx, config)
                .compose(broker -> listen(vertx, broker, config)
                        .onFailure(error -> broker.close()))
                .onFailure(error -> vertx.close());
    }

    private static Future<Broker> brokerFor(Vertx vertx, HeraldConfig config) {
        HistoryPolicy history = new HistoryPolicy(config.historySize(), config.historyAge());
        if (config.redisUrl() == null) {
            return Future.succeededFuture(new MemoryBroker(history));
        }
        Future<? extends Broker> connected = config.redisMode() == HeraldConfig.RedisMode.STREAMS
                ? StreamsBroker.connect(vertx, config.redisUrl(), config.historySize())
                : Future.fromCompletionStage(RelayedBroker.start(new PubSubRelay(vertx, config.redisUrl()), history));
        return connected
                .<Broker>map(broker -> broker)
                .recover(error -> Future.failedFuture(new IllegalStateException(
                        "cannot reach Redis at " + config.redisUrlForDisplay() + ": " + error.getMessage(), error)));
    }

    private static Future<HeraldServer> listen(Vertx vertx, Broker broker, HeraldConfig config) {
        Hub hub = new Hub(broker, new HubOptions(config.heartbeatInterval(), config.retry().toMillis()));
        Publisher publisher = new Publisher(broker);

        Router root = Router.router(vertx);
        SseRoutesOptions routes = new SseRoutesOptions(config.bufferLimitBytes(), config.bodyLimitBytes(),
                SseRoutesOptions.defaults().maxChannels());
        root.route("/*").subRouter(SseRoutes.router(vertx, hub, publisher, routes));
        NotificationRoutes.mount(root, publisher, config.bodyLimitBytes());
        PageRoutes.mount(root);
        root.errorHandler(404, ctx -> JsonHttp.sendError(ctx, 404, "Nothing at " + ctx.request().path()));
        root.errorHandler(405, ctx -> JsonHttp.sendError(ctx, 405, "Method " + ctx.request().method() + " is not allowed here"));

        // No WebSocket here: without its compression extensions Netty's pipeline loses a handler that looked at
        // every write of every stream.
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
        return vertx.createHttpServer(options)
                .requestHandler(root)
                .listen()
                .map(server -> new HeraldServer(vertx, broker, hub, publisher, server))
                .onFailure(error -> hub.close());
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    /** The publish API of this server, for applications that embed it. */
    public Publisher publisher() {
        return publisher;
    }

    /** The hub, for its counters. */
    public Hub hub() {
        return hub;
    }

    /**
     * Stops accepting connections, ends every stream so that clients reconnect elsewhere, then releases
     * everything. Streams are ended after the listener closed, so a client cannot reconnect to this node.
     */
    public CompletionStage<Void> stop() {
        LOG.log(System.Logger.Level.INFO, "shutting down: " + hub.stats().connections() + " streams to end");
        Future<Void> stopped = server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        hub.closeStreams();
        // Vert.x is closed from a thread of its own: closed from one of its event loops, it never completes.
        return stopped.toCompletionStage()
                .handle((ignored, error) -> (Void) null)
                .thenComposeAsync(ignored -> {
                    broker.close();
                    return vertx.close().toCompletionStage();
                });
    }
}
