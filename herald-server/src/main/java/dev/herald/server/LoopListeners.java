package dev.herald.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.SocketAddressImpl;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The application's port served by one HTTP server per event loop: Vert.x's way, a verticle deployed once per loop,
 * each instance listening on the same host and port from its own loop. Vert.x binds the port once and hands the
 * accepted connections to the instances in turn, so each connection, its requests and its streams live on one loop,
 * and the hub keeps one shard per loop.
 *
 * <p>Each instance routes with a router of its own (built on its loop by {@code routes}), over the same Herald, limits
 * and webhooks, which are safe from any loop. Every request passes {@link RequestFraming} first.
 */
final class LoopListeners {

    private static final int SHARED_FREE_PORT = -1;

    private final List<HttpServer> servers;
    private final Set<String> threads;

    private LoopListeners(List<HttpServer> servers, Set<String> threads) {
        this.servers = servers;
        this.threads = threads;
    }

    /**
     * Deploys {@code loops} listeners; completes once all listen, or fails with the first failure, the others then
     * closed by Vert.x as it undoes the deployment.
     *
     * <p>Vert.x shares a port among servers that ask for the same one. Port 0 is never shared: each server would bind
     * a free port of its own. Vert.x's shared free port is a negative port (servers asking for the same negative
     * port share one free port), which its public {@code SocketAddress} refuses since 5.0, so that address is made
     * with the class behind it; {@code EventLoopsIT} fails if that changes.
     */
    static Future<LoopListeners> listen(Vertx vertx, int loops, HttpServerOptions options, Supplier<Router> routes,
                                        Handler<HttpConnection> connections) {
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SocketAddress address = options.getPort() == 0 ? new SocketAddressImpl(SHARED_FREE_PORT, options.getHost())
                : SocketAddress.inetSocketAddress(options.getPort(), options.getHost());
        // Vert.x gives each instance a context on the next loop of its pool; with a pool of exactly `loops` loops, the
        // instances deployed together take one loop each.
        return vertx.deployVerticle(() -> listener(vertx, options, address, routes, connections, servers, threads),
                        new DeploymentOptions().setInstances(loops))
                .map(deployed -> new LoopListeners(List.copyOf(servers), Set.copyOf(threads)));
    }

    private static VerticleBase listener(Vertx vertx, HttpServerOptions options, SocketAddress address,
                                         Supplier<Router> routes,
                                         Handler<HttpConnection> connections, List<HttpServer> servers,
                                         Set<String> threads) {
        return new VerticleBase() {
            @Override
            public Future<?> start() {
                threads.add(Thread.currentThread().getName());
                return RequestFraming.install(vertx.createHttpServer(options), options, connections, routes.get())
                        .listen(address)
                        .onSuccess(servers::add);
            }
        };
    }

    /** The port they share: the one bound, also when port 0 was asked for. */
    int port() {
        return servers.get(0).actualPort();
    }

    /** The names of the event-loop threads the listeners run on, one per listener. */
    Set<String> threads() {
        return threads;
    }

    /** Stops every listener from accepting and gives their connections up to {@code grace} to end. */
    Future<Void> shutdown(long grace, TimeUnit unit) {
        return Future.join(servers.stream().map(server -> server.shutdown(grace, unit)).toList()).mapEmpty();
    }
}
