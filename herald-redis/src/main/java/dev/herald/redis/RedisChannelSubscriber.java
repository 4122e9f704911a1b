package dev.herald.redis;

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
 * The one Redis subscription connection of a node, whatever the number of HTTP subscribers. Channels are
 * subscribed when the first holder asks and unsubscribed when the last one lets go. When the connection is lost it reconnects with
 * exponential back-off (100 ms doubling to 5 s) and subscribes again to every wanted channel; a pending
 * {@link #subscribe} completes once Redis has confirmed it, however long that takes.
 *
 * <p>All state is confined to one Vert.x context; public methods hop onto it.
 */
public final class RedisChannelSubscriber implements AutoCloseable {

    /** What the subscription connection reports, always on its context. */
    public interface Listener {
        /** A message on a subscribed channel, in Redis's order. */
        void onMessage(String channel, String message);

        /** The connection was lost; messages published from now until {@link #onRestored} are not seen. */
        default void onLost() {
        }

        /** After an outage, every wanted channel is subscribed again. */
        default void onRestored() {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedisChannelSubscriber.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final Vertx vertx;
    private final Context context;
    private final Redis client;
    private final Listener listener;
    private final BrokerConnection connectionState;

    // confined to context
    private final Map<String, CompletableFuture<Void>> wanted = new HashMap<>();
    private final Map<String, Integer> holders = new HashMap<>();
    private RedisConnection connection;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;
    private boolean closed;

    public RedisChannelSubscriber(Vertx vertx, Redis client, Listener listener) {
        this(vertx, client, listener, BrokerConnection.untracked());
    }

    /** A subscriber that also reports its connection coming and going to {@code connectionState}. */
    public RedisChannelSubscriber(Vertx vertx, Redis client, Listener listener, BrokerConnection connectionState) {
        this.vertx = vertx;
        this.connectionState = connectionState;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.listener = listener;
    }

    /** Runs a task on the context that owns this subscriber and calls its listener. */
    public void execute(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    /** Connects for the first time; fails when Redis cannot be reached, so a misconfiguration shows at start. */
    public Future<Void> start() {
        return Future.<Void>future(promise -> context.runOnContext(ignored ->
                client.connect().onSuccess(conn -> {
                    attach(conn);
                    connectionState.up();
                    promise.complete();
                }).onFailure(promise::fail)));
    }

    /**
     * Holds a channel, subscribing to it if nobody held it; completes when Redis confirmed the subscription.
     * Each call is matched by one {@link #unsubscribe}.
     */
    public CompletionStage<Void> subscribe(String channel) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            holders.merge(channel, 1, Integer::sum);
            CompletableFuture<Void> existing = wanted.get(channel);
            if (existing != null) {
                existing.whenComplete((ok, error) -> confirmed.complete(null));
                return;
            }
            wanted.put(channel, confirmed);
            if (connection != null) {
                send(connection, Command.SUBSCRIBE, channel);
            }
        });
        return confirmed;
    }

    /** Lets go of a channel; the last holder to let go unsubscribes from it. */
    public void unsubscribe(String channel) {
        context.runOnContext(ignored -> {
            Integer left = holders.computeIfPresent(channel, (name, count) -> count > 1 ? count - 1 : null);
            if (left == null && wanted.remove(channel) != null && connection != null) {
                send(connection, Command.UNSUBSCRIBE, channel);
            }
        });
    }

    @Override
    public void close() {
        context.runOnContext(ignored -> {
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
        if (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI) {
            return;
        }
        if (push.size() != 3) {
            return;
        }
        String kind = push.get(0).toString();
        if ("message".equals(kind)) {
            listener.onMessage(push.get(1).toString(), push.get(2).toString());
        } else if ("subscribe".equals(kind)) {
            // Redis's own confirmation: from here on, every message on the channel reaches this connection.
            CompletableFuture<Void> confirmed = wanted.get(push.get(1).toString());
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
        // Channels confirmed before must be confirmed again by the new connection before they count as live.
        wanted.replaceAll((channel, confirmed) -> confirmed.isDone() ? new CompletableFuture<>() : confirmed);
        listener.onLost();
        connectionState.down();
        // Logged once the listener knows, so that whoever reads this line may rely on it.
        LOG.warn("lost the Redis subscription connection"
                + (error != null ? " (" + error.getMessage() + ")" : "") + "; reconnecting");
        reconnectLater();
    }

    private void reconnectLater() {
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        vertx.setTimer(delay, timer -> context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            client.connect().onComplete(attempt -> context.runOnContext(again -> {
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
                CompletableFuture<?>[] all = wanted.entrySet().stream()
                        .map(entry -> {
                            send(attempt.result(), Command.SUBSCRIBE, entry.getKey());
                            return entry.getValue();
                        })
                        .toArray(CompletableFuture[]::new);
                CompletableFuture.allOf(all).thenRun(() -> context.runOnContext(done -> {
                    LOG.info("Redis subscription restored (channels: " + wanted.size() + ")");
                    listener.onRestored();
                    connectionState.up();
                }));
            }));
        }));
    }

    /** Sends a (un)subscription; a subscription counts once Redis's confirmation arrives as a push ({@link #onPush}). */
    private void send(RedisConnection conn, Command command, String channel) {
        conn.send(Request.cmd(command).arg(channel)).onFailure(error ->
                LOG.warn(command + " " + channel + " failed: " + error.getMessage()));
    }
}
