package dev.herald.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One long-lived command connection that every request goes over without waiting for the answers before it (RESP
 * pipelining: Redis answers a connection's requests in the order they came). It connects at the first request, and
 * again at the first request after it failed or closed.
 *
 * <p>A request in flight when the connection fails fails with it (the client fails each waiting request); one sent
 * while Redis is down fails at once with the connection attempt. Nothing is retried here: whether a failed command
 * took effect is unknown, so its caller decides. Safe from any thread; answers come on the connection's context.
 */
final class PipelinedConnection {

    private final Redis client;
    private final Consumer<Throwable> onFailure;
    /** The connection, or the attempt to make it; null when there is none. */
    private final AtomicReference<Future<RedisConnection>> current = new AtomicReference<>();

    /** A connection of {@code client}'s, whose failures are reported to {@code onFailure}. */
    PipelinedConnection(Redis client, Consumer<Throwable> onFailure) {
        this.client = client;
        this.onFailure = onFailure;
    }

    /** Sends the request behind those in flight; fails when the connection cannot be made or fails first. */
    Future<Response> send(Request request) {
        return connection().compose(connection -> connection.send(request));
    }

    private Future<RedisConnection> connection() {
        while (true) {
            Future<RedisConnection> held = current.get();
            if (held != null) {
                return held;
            }
            Promise<RedisConnection> made = Promise.promise();
            Future<RedisConnection> attempt = made.future();
            if (current.compareAndSet(null, attempt)) {
                connect(made, attempt);
                return attempt;
            }
        }
    }

    private void connect(Promise<RedisConnection> made, Future<RedisConnection> attempt) {
        client.connect().onComplete(connected -> {
            if (connected.failed()) {
                current.compareAndSet(attempt, null);
                made.fail(connected.cause());
                return;
            }
            RedisConnection connection = connected.result();
            connection.exceptionHandler(error -> {
                forget(attempt, connection);
                onFailure.accept(error);
            });
            connection.endHandler(ended -> forget(attempt, connection));
            made.complete(connection);
        });
    }

    /** The connection is gone (the client evicted it from its pool): the next request makes another. */
    private void forget(Future<RedisConnection> attempt, RedisConnection connection) {
        if (current.compareAndSet(attempt, null)) {
            connection.close();
        }
    }
}
