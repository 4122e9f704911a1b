package dev.herald.redis.cluster;

import dev.herald.broker.BrokerConnection;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.SubscriptionConnection;
import dev.herald.redis.WantedSubscriptions;
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
 * A node's subscriptions to a Redis Cluster's sharded channels ({@code SSUBSCRIBE}, Redis 7): one connection per
 * shard, each channel subscribed on the master that owns its slot, so a channel's messages travel only to that shard
 * (a cluster's plain {@code PUBLISH} goes to every node).
 *
 * <p>Built on the Vert.x Redis cluster client, not beside it: a cluster connection ({@link Redis#connect} of a
 * {@code CLUSTER} client) holds a connection to each node of the client's slot map and sends each {@code SSUBSCRIBE}
 * to the master of the channel's slot. What the library does not do for Pub/Sub, this class does with the least on
 * top: the library completes a Pub/Sub command when it is written, so a {@code MOVED} in answer to a subscription
 * reaches the push handler instead of being followed; a connection it opens later (to a node that was not in its slot
 * map) has no push handler; and it neither notices a shard's connection ending nor Redis's own {@code sunsubscribe}
 * when a channel's slot moves to another shard. Each of these (an error push, an unasked {@code sunsubscribe}, a
 * connection's end, or a subscription unconfirmed after {@link #CONFIRM_MILLIS}) means the topology changed: the whole
 * cluster connection is dropped and reported lost ({@link RedisChannelSubscriber.Listener#onLost}), and a new one is
 * made, with the library's fresh slot map, after a back-off (100 ms doubling to 1 s); every wanted channel is
 * subscribed again on the node that owns it now, and once every one is confirmed the listener hears
 * {@link RedisChannelSubscriber.Listener#onRestored}. So a failover, a resharding or a lost connection costs every
 * channel of the node a reported gap of a few seconds, never a silent one.
 *
 * <p>No patterns: sharded Pub/Sub has no {@code PSSUBSCRIBE}. All state is confined to one Vert.x context; public
 * methods hop onto it.
 */
public final class ShardedChannelSubscriber implements SubscriptionConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ShardedChannelSubscriber.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    /** A failover takes about two node timeouts; the client's slot map is fetched again each second. */
    private static final long MAX_BACKOFF_MILLIS = 1000;
    /** How long a subscription may go unconfirmed before the connection is taken as lost (the library lost it). */
    static final long CONFIRM_MILLIS = 5000;

    private final Vertx vertx;
    private final Context context;
    private final Redis client;
    private final RedisChannelSubscriber.Listener listener;
    private final BrokerConnection connectionState;

    // confined to context
    private final WantedSubscriptions<String> wanted = new WantedSubscriptions<>();
    /** {@code SUNSUBSCRIBE}s sent on this connection and not yet confirmed: the others are Redis's own. */
    private final Map<String, Integer> unsubscribing = new HashMap<>();
    private RedisConnection connection;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;
    private boolean closed;

    /**
     * Subscriptions through {@code client}, a {@code CLUSTER} client of its own (its connections become Pub/Sub ones),
     * closed with this subscriber.
     */
    public ShardedChannelSubscriber(Vertx vertx, Redis client, RedisChannelSubscriber.Listener listener,
                                    BrokerConnection connectionState) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.listener = listener;
        this.connectionState = connectionState;
    }

    /** Runs a task on the context that owns this subscriber and calls its listener. */
    public void execute(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    /** Connects for the first time; fails when no seed can be reached, so a misconfiguration shows at start. */
    @Override
    public Future<Void> start() {
        return Future.<Void>future(promise -> context.runOnContext(ignored ->
                client.connect().onComplete(attempt -> onContext(() -> {
                    if (attempt.failed()) {
                        promise.fail(attempt.cause());
                        return;
                    }
                    attach(attempt.result());
                    connectionState.up();
                    promise.complete();
                }))));
    }

    /**
     * Holds a channel, subscribing to it on its shard if nobody held it; completes when the shard confirmed it, after
     * an outage too. Each call is matched by one {@link #unsubscribe}.
     */
    @Override
    public CompletionStage<Void> subscribe(String channel) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            if (wanted.hold(channel, confirmed) && connection != null) {
                send(connection, Command.SSUBSCRIBE, channel);
                expectConfirmation(connection, channel, confirmed);
            }
        });
        return confirmed;
    }

    @Override
    public void unsubscribe(String channel) {
        context.runOnContext(ignored -> {
            if (wanted.release(channel) && connection != null) {
                unsubscribing.merge(channel, 1, Integer::sum);
                send(connection, Command.SUNSUBSCRIBE, channel);
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
            client.close(); // its own: the slot map's refresh and the pooled connections go with it
        });
    }

    private void attach(RedisConnection conn) {
        connection = conn;
        conn.handler(push -> onContext(() -> onPush(conn, push)));
        conn.exceptionHandler(error -> onContext(() -> lost(conn, error.getMessage())));
        conn.endHandler(ended -> onContext(() -> lost(conn, "a node's connection ended")));
    }

    private void onPush(RedisConnection conn, Response push) {
        if (conn != connection) {
            return;
        }
        if (push.type() == ResponseType.ERROR) {
            lost(conn, "a node answered " + push);
            return;
        }
        if ((push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI) || push.size() != 3) {
            return;
        }
        String kind = push.get(0).toString();
        String channel = push.get(1).toString();
        switch (kind) {
            case "smessage" -> listener.onMessage(channel, push.get(2).toString());
            case "ssubscribe" -> wanted.confirmed(channel);
            case "sunsubscribe" -> {
                Integer pending = unsubscribing.remove(channel);
                if (pending != null) {
                    if (pending > 1) {
                        unsubscribing.put(channel, pending - 1);
                    }
                    return; // the confirmation of ours
                }
                if (wanted.isWanted(channel)) {
                    // Not asked for: Redis drops a shard channel's subscribers when its slot leaves the node.
                    lost(conn, "the slot of " + channel + " moved");
                }
            }
            default -> {
                // another push: not ours
            }
        }
    }

    /** A subscription the library sent where no handler of ours listens would never be confirmed: start again. */
    private void expectConfirmation(RedisConnection conn, String channel, CompletableFuture<Void> confirmed) {
        long timer = vertx.setTimer(CONFIRM_MILLIS, fired -> onContext(() -> {
            if (!confirmed.isDone() && wanted.awaits(channel, confirmed)) {
                lost(conn, "the subscription to " + channel + " was not confirmed");
            }
        }));
        confirmed.whenComplete((ok, error) -> vertx.cancelTimer(timer));
    }

    private void lost(RedisConnection conn, String reason) {
        if (conn != connection || closed) {
            return;
        }
        connection = null;
        unsubscribing.clear();
        conn.close();
        // Channels confirmed before must be confirmed again by the new connection before they count as live.
        wanted.lost();
        listener.onLost();
        connectionState.down();
        // Logged once the listener knows, so that whoever reads this line may rely on it.
        LOG.warn("lost the Redis Cluster subscription connections (" + reason + "); reconnecting");
        reconnectLater();
    }

    private void reconnectLater() {
        long delay = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
        vertx.setTimer(delay, timer -> onContext(() -> {
            if (closed) {
                return;
            }
            client.connect().onComplete(attempt -> onContext(() -> {
                if (attempt.failed()) {
                    LOG.atDebug().log(() -> "Redis Cluster not reachable yet: " + attempt.cause().getMessage());
                    reconnectLater();
                    return;
                }
                if (closed) {
                    attempt.result().close();
                    return;
                }
                resubscribe(attempt.result());
            }));
        }));
    }

    private void resubscribe(RedisConnection conn) {
        attach(conn);
        wanted.resubscribe((channel, confirmed) -> {
            send(conn, Command.SSUBSCRIBE, channel);
            expectConfirmation(conn, channel, confirmed);
        }).thenRun(() -> onContext(() -> {
            if (conn != connection) {
                return; // lost again before every channel was back
            }
            backoffMillis = FIRST_BACKOFF_MILLIS;
            LOG.info("Redis Cluster subscriptions restored (channels: " + wanted.size() + ")");
            listener.onRestored();
            connectionState.up();
        }));
    }

    /** Sends a (un)subscription; it counts once the shard's confirmation arrives as a push ({@link #onPush}). */
    private void send(RedisConnection conn, Command command, String channel) {
        conn.send(Request.cmd(command).arg(channel)).onFailure(error -> onContext(() -> {
            LOG.atDebug().log(() -> command + " " + channel + " failed: " + error.getMessage());
            lost(conn, command + " " + channel + " failed");
        }));
    }

    private void onContext(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }
}
