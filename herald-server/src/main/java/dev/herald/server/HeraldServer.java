package dev.herald.server;

import dev.herald.server.webhook.GitHubWebhookRoute;
import dev.herald.server.webhook.MemoryRedeliveries;
import dev.herald.server.webhook.Redeliveries;
import dev.herald.server.webhook.RedisRedeliveries;
import dev.herald.server.webhook.StandardWebhookRoute;
import dev.herald.server.webhook.WebhookAccess;
import dev.herald.vertx.BrokerOptions;
import dev.herald.vertx.Herald;
import dev.herald.vertx.JsonHttp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The runnable Herald: a {@link Herald} built from the config, its routes at the root, the seed's
 * {@code /send_notification}, the GitHub webhook at {@code /webhook/github}, the Standard Webhooks at
 * {@code /webhook/<name>} and the page at {@code /}.
 */
public final class HeraldServer {

    private static final System.Logger LOG = System.getLogger(HeraldServer.class.getName());
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    private final Vertx vertx;
    private final Herald herald;
    private final HttpServer server;
    private final Redeliveries redeliveries;

    private HeraldServer(Vertx vertx, Herald herald, HttpServer server, Redeliveries redeliveries) {
        this.vertx = vertx;
        this.herald = herald;
        this.server = server;
        this.redeliveries = redeliveries;
    }

    /** Starts a server; the future completes once it listens (and, with Redis, once Redis answered). */
    public static Future<HeraldServer> start(HeraldConfig config) {
        Vertx vertx = Vertx.vertx();
        return Herald.builder().broker(config.broker()).hub(config.hub()).routes(config.routes()).access(config.access())
                .limits(config.limits()).cors(config.cors())
                .build(vertx)
                .compose(herald -> listen(vertx, herald, config)
                        .onFailure(error -> herald.close()))
                .onFailure(error -> vertx.close());
    }

    private static Future<HeraldServer> listen(Vertx vertx, Herald herald, HeraldConfig config) {
        Router root = Router.router(vertx);
        ConnectionDeadlines deadlines = new ConnectionDeadlines(vertx, config.timeouts());
        root.route().handler(deadlines);
        root.route("/*").subRouter(herald.router());
        NotificationRoutes.mount(root, herald, config.routes().bodyLimitBytes());
        Redeliveries redeliveries = redeliveriesFor(vertx, config.broker());
        new GitHubWebhookRoute(herald.publisher(), config.gitHubWebhook(),
                WebhookAccess.of(config.host(), config.gitHubWebhook()), redeliveries)
                .mount(root, config.routes().bodyLimitBytes());
        new StandardWebhookRoute(herald.publisher(), config.webhooks(), redeliveries, Clock.systemUTC())
                .mount(root, config.routes().bodyLimitBytes());
        PageRoutes.mount(root);
        JsonHttp.answerRouterErrors(root);

        // No WebSocket here: without its compression extensions Netty's pipeline loses a handler that looked at
        // every write of every stream.
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
        // No HTTP/2 without TLS (h2c): such a server reports a connection only once its first bytes arrive, so one
        // that never sends any would escape the request timeout. Browsers speak h2 only over TLS, to a proxy.
        options.setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(options)
                .connectionHandler(deadlines::opened)
                .requestHandler(root)
                .listen()
                .map(server -> new HeraldServer(vertx, herald, server, redeliveries))
                .onFailure(error -> redeliveries.close());
    }

    /** On Redis, every node shares the delivery ids through it; otherwise this node remembers its own. */
    private static Redeliveries redeliveriesFor(Vertx vertx, BrokerOptions broker) {
        if (broker instanceof BrokerOptions.RedisPubSub pubSub) {
            return new RedisRedeliveries(vertx, pubSub.url());
        }
        if (broker instanceof BrokerOptions.RedisStreams streams) {
            return new RedisRedeliveries(vertx, streams.url());
        }
        return new MemoryRedeliveries(MemoryRedeliveries.DEFAULT_CAPACITY);
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    /** The Herald this server runs, for its publish API and counters. */
    public Herald herald() {
        return herald;
    }

    /**
     * Stops accepting connections, ends every stream so that clients reconnect elsewhere, then releases
     * everything. Streams are ended after the listener closed, so a client cannot reconnect to this node.
     */
    public CompletionStage<Void> stop() {
        LOG.log(System.Logger.Level.INFO, "shutting down; streams to end: " + herald.stats().streamsOpen());
        Future<Void> stopped = server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        herald.closeStreams();
        // Vert.x is closed from a thread of its own: closed from one of its event loops, it never completes.
        return stopped.toCompletionStage()
                .handle((ignored, error) -> (Void) null)
                .thenCompose(ignored -> herald.close())
                .whenComplete((ignored, error) -> redeliveries.close())
                .thenComposeAsync(ignored -> vertx.close().toCompletionStage());
    }
}
