package dev.herald.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker's command connections: a pool ({@link RedisClients#options}) over which any thread sends one request at a
 * time, as {@link Redis#send} does.
 *
 * <p>Why not {@link Redis#send} itself: it leaves a pooled connection with the client's default exception handler, so
 * when Redis goes away (a reset, or a request written as the socket closes) the client logs the failure as
 * {@code SEVERE: Unhandled Error} with its stack trace, although nothing is unhandled. A connection lent here has this
 * class's handler instead, for good: the pool keeps it when the connection goes back. The failure is already told
 * elsewhere: the requests in flight on that connection fail with it (their callers answer them, e.g. with
 * {@link dev.herald.broker.BrokerUnavailableException}), and the subscription connection
 * ({@link RedisChannelSubscriber}) reports the outage; so here it is only logged at DEBUG.
 */
public final class RedisCommands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCommands.class);

    private final Redis client;

    /** Command connections to the Redis of {@code options}; they connect on the first request. */
    public RedisCommands(Vertx vertx, RedisOptions options) {
        this.client = Redis.createClient(vertx, options);
    }

    /** Sends one request over a pooled connection; fails when Redis cannot be reached or the connection fails. */
    public Future<Response> send(Request request) {
        return client.connect().compose(connection -> {
            connection.exceptionHandler(RedisCommands::failed);
            return connection.send(request).eventually(connection::close);
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private static void failed(Throwable error) {
        LOG.atDebug().log(() -> "a Redis command connection failed; its requests fail with it: " + error);
    }
}
