package dev.herald.redis.cstreams;

import dev.herald.broker.BrokerConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's subscription to the partitions' live channels by sharded Pub/Sub ({@code SSUBSCRIBE}, Redis 7), on one
 * connection of the client: on one Redis a plain connection, on a cluster the client's cluster connection, which sends
 * each {@code SSUBSCRIBE} to the master of its slot and follows {@code MOVED}. A channel is subscribed while it is held;
 * when the connection is lost it reconnects with back-off (100 ms doubling to 5 s), subscribes again to every held
 * channel and reports {@link Listener#onRestored}.
 *
 * <p>All state is confined to one Vert.x context; public methods hop onto it.
 */
final class ShardedSubscriber implements AutoCloseable {

    /** What the connection reports, always on its context. */
    interface Listener {
        void onMessage(String channel, String message);

        void onLost();

        void onRestored();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShardedSubscriber.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final Vertx vertx;
    private final Context context;
    private final Redis client;
    private final Listener listener;
    private final BrokerConnection connectionState;
    // confined to context
    private final Map<String, CompletableFuture<Void>> wanted = new HashMap<>();
    private RedisConnection connection;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;
    private boolean closed;

    ShardedSubscriber(Vertx vertx, Redis client, Listener listener, BrokerConnection connectionState) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.listener = listener;
        this.connectionState = connectionState;
    }

    void execute(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    /** Connects for the first time; fails when Redis cannot be reached. */
    Future<Void> start() {
        return Future.<Void>future(promise -> context.runOnContext(ignored ->
                client.connect().onSuccess(conn -> {
                    attach(conn);
                    connectionState.up();
                    promise.complete();
                }).onFailure(promise::fail)));
    }

    /** Subscribes to a channel (once however often asked); completes when Redis confirmed it. Call on the context. */
    CompletionStage<Void> subscribe(String channel) {
        CompletableFuture<Void> existing = wanted.get(channel);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        wanted.put(channel, confirmed);
        if (connection != null) {
            send(connection, Command.SSUBSCRIBE, channel);
        }
        return confirmed;
    }

    /** Unsubscribes from a channel. Call on the context. */
    void unsubscribe(String channel) {
        if (wanted.remove(channel) != null && connection != null) {
            send(connection, Command.SUNSUBSCRIBE, channel);
        }
    }

    @Override
    public void close() {
        execute(() -> {
            closed = true;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        });
    }

    private void attach(RedisConnection conn) {
        connection = conn;
        conn.handler(this::onPush);
        conn.exceptionHandler(error -> lost(conn, error));
        conn.endHandler(ended -> lost(conn, null));
    }

    private void onPush(Response push) {
        if ((push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI) || push.size() != 3) {
            return;
        }
        String kind = push.get(0).toString();
        String channel = push.get(1).toString();
        if ("smessage".equals(kind)) {
            listener.onMessage(channel, push.get(2).toString());
        } else if ("ssubscribe".equals(kind)) {
            CompletableFuture<Void> confirmed = wanted.get(channel);
            if (confirmed != null) {
                confirmed.complete(null);
            }
        }
    }

    private void lost(RedisConnection conn, Throwable error) {
        if (conn != connection || closed) {
            return;
        }
        connection = null;
        wanted.replaceAll((channel, confirmed) -> confirmed.isDone() ? new CompletableFuture<>() : confirmed);
        listener.onLost();
        connectionState.down();
        LOG.warn("lost the Redis sharded subscription connection"
                + (error != null ? " (" + error.getMessage() + ")" : "") + "; reconnecting");
        reconnectLater();
    }

    private void reconnectLater() {
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        vertx.setTimer(delay, timer -> execute(() -> {
            if (closed) {
                return;
            }
            client.connect().onComplete(attempt -> execute(() -> {
                if (attempt.failed()) {
                    reconnectLater();
                    return;
                }
                if (closed) {
                    attempt.result().close();
                    return;
                }
                attach(attempt.result());
                backoffMillis = FIRST_BACKOFF_MILLIS;
                wanted.keySet().forEach(channel -> send(attempt.result(), Command.SSUBSCRIBE, channel));
                CompletableFuture.allOf(wanted.values().toArray(CompletableFuture[]::new))
                        .thenRun(() -> execute(() -> {
                            LOG.info("Redis sharded subscription restored (partitions: " + wanted.size() + ")");
                            listener.onRestored();
                            connectionState.up();
                        }));
            }));
        }));
    }

    private void send(RedisConnection conn, Command command, String channel) {
        conn.send(Request.cmd(command).arg(channel)).onFailure(error ->
                LOG.warn(command + " " + channel + " failed: " + error.getMessage()));
    }
}
