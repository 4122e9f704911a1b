package dev.herald.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker's command connections: {@value #CONNECTIONS} long-lived connections ({@link PipelinedConnection}), taken
 * in turn, each carrying any number of requests in flight (pipelining). Any thread may send.
 *
 * <p>Why not a pooled connection per request, as {@link Redis#send} does: a pool of 8 let at most 8 requests be in
 * flight (8 per round trip, whatever the load), each paying a lease and its return; 64 publishes in flight queued for
 * it. Why two connections and not one: their answers are read on two event loops, and a long reply (a replay's
 * {@code XRANGE}) delays the requests behind it on its own connection only.
 *
 * <p>Why not the client's default exception handler: when Redis goes away (a reset, or a request written as the
 * socket closes) the client logs the failure as {@code SEVERE: Unhandled Error} with its stack trace, although nothing
 * is unhandled. The failure is told elsewhere: the requests in flight on that connection fail with it (their callers
 * answer them, e.g. with {@link dev.herald.broker.BrokerUnavailableException}), and the subscription connection
 * ({@link RedisChannelSubscriber}) reports the outage; so here it is only logged at DEBUG.
 */
public final class RedisCommands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCommands.class);
    static final int CONNECTIONS = 2;

    private final Redis client;
    private final PipelinedConnection[] connections = new PipelinedConnection[CONNECTIONS];
    private final AtomicInteger next = new AtomicInteger();

    /** Command connections to the Redis of {@code options}; they connect on the first request. */
    public RedisCommands(Vertx vertx, RedisOptions options) {
        this.client = Redis.createClient(vertx, options);
        for (int i = 0; i < CONNECTIONS; i++) {
            connections[i] = new PipelinedConnection(client, RedisCommands::failed);
        }
    }

    /** Sends one request; fails when Redis cannot be reached, answers an error, or the connection fails first. */
    public Future<Response> send(Request request) {
        return connections[Math.floorMod(next.getAndIncrement(), CONNECTIONS)].send(request);
    }

    /**
     * Runs a script by its SHA-1, and by its text once if Redis does not know it ({@code NOSCRIPT}: a script that
     * failed so never ran, so sending it again runs it once).
     */
    public Future<Response> run(RedisScript.Call call) {
        PipelinedConnection connection = connections[Math.floorMod(next.getAndIncrement(), CONNECTIONS)];
        return connection.send(call.bySha()).recover(error -> isNoScript(error)
                ? connection.send(call.byText())
                : Future.failedFuture(error));
    }

    @Override
    public void close() {
        client.close();
    }

    private static boolean isNoScript(Throwable error) {
        String message = error.getMessage();
        return message != null && message.startsWith("NOSCRIPT");
    }

    private static void failed(Throwable error) {
        LOG.atDebug().log(() -> "a Redis command connection failed; its requests fail with it: " + error);
    }
}
