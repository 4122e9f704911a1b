package dev.herald.redis;

import dev.herald.access.ChannelPattern;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>Patterns ({@link #psubscribe}, {@link ChannelPattern}'s grammar) are held by {@code PSUBSCRIBE}, escaped so that
 * only {@code *} is special to Redis. Redis sends a message once per subscription that matches it ({@code message}
 * for the channel, one {@code pmessage} per pattern), so the listener would see it several times; it sees it once:
 * the {@code message} when the channel is subscribed, else the {@code pmessage} of the first matching pattern in text
 * order. Which subscriptions count is read from Redis's confirmations, which arrive on this connection in order with
 * the messages, so the choice is the one the subscriptions in force at the publish dictate: no message is lost or
 * doubled while subscriptions come and go.
 *
 * <p>All state is confined to one Vert.x context; public methods hop onto it.
 */
public final class RedisChannelSubscriber implements SubscriptionConnection {

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

    /** A channel, or a pattern as Redis reads it ({@link #escaped}). */
    private record Target(String name, boolean pattern) {
        Command subscribe() {
            return pattern ? Command.PSUBSCRIBE : Command.SUBSCRIBE;
        }

        Command unsubscribe() {
            return pattern ? Command.PUNSUBSCRIBE : Command.UNSUBSCRIBE;
        }
    }

    // confined to context
    private final WantedSubscriptions<Target> wanted = new WantedSubscriptions<>();
    /** What Redis confirmed on this connection, in step with the messages: which delivery of a message counts. */
    private final Set<String> confirmedChannels = new HashSet<>();
    private final Map<String, ChannelPattern> confirmedPatterns = new TreeMap<>();
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

    @Override
    public Future<Void> start() {
        return Future.<Void>future(promise -> context.runOnContext(ignored ->
                client.connect().onSuccess(conn -> {
                    attach(conn);
                    connectionState.up();
                    promise.complete();
                }).onFailure(promise::fail)));
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
        return hold(new Target(channel, false));
    }

    @Override
    public void unsubscribe(String channel) {
        release(new Target(channel, false));
    }

    /**
     * Holds every channel a pattern of {@link ChannelPattern}'s grammar matches, subscribing to it if nobody held it;
     * completes when Redis confirmed it. Each call is matched by one {@link #punsubscribe}.
     */
    public CompletionStage<Void> psubscribe(String pattern) {
        return hold(new Target(escaped(pattern), true));
    }

    /** Lets go of a pattern; the last holder to let go unsubscribes from it. */
    public void punsubscribe(String pattern) {
        release(new Target(escaped(pattern), true));
    }

    /** The pattern as Redis reads it: {@code *} stays special, {@code ? [ ] \} are escaped to stand for themselves. */
    static String escaped(String pattern) {
        StringBuilder redis = new StringBuilder(pattern.length() + 4);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '?' || c == '[' || c == ']' || c == '\\') {
                redis.append('\\');
            }
            redis.append(c);
        }
        return redis.toString();
    }

    /** The pattern of {@link ChannelPattern}'s grammar that an {@link #escaped} text stands for. */
    private static ChannelPattern unescaped(String redisPattern) {
        StringBuilder text = new StringBuilder(redisPattern.length());
        for (int i = 0; i < redisPattern.length(); i++) {
            char c = redisPattern.charAt(i);
            if (c == '\\' && i + 1 < redisPattern.length()) {
                c = redisPattern.charAt(++i);
            }
            text.append(c);
        }
        return ChannelPattern.of(text.toString());
    }

    private CompletionStage<Void> hold(Target target) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            if (wanted.hold(target, confirmed) && connection != null) {
                send(connection, target.subscribe(), target.name());
            }
        });
        return confirmed;
    }

    private void release(Target target) {
        context.runOnContext(ignored -> {
            if (wanted.release(target) && connection != null) {
                send(connection, target.unsubscribe(), target.name());
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
        String kind = push.get(0).toString();
        if (push.size() == 4 && "pmessage".equals(kind)) {
            String channel = push.get(2).toString();
            if (firstDelivery(push.get(1).toString(), channel)) {
                listener.onMessage(channel, push.get(3).toString());
            }
            return;
        }
        if (push.size() != 3) {
            return;
        }
        String name = push.get(1).toString();
        switch (kind) {
            case "message" -> listener.onMessage(name, push.get(2).toString());
            case "subscribe" -> confirmed(new Target(name, false));
            case "psubscribe" -> confirmed(new Target(name, true));
            case "unsubscribe" -> confirmedChannels.remove(name);
            case "punsubscribe" -> confirmedPatterns.remove(name);
            default -> {
                // another push: not ours
            }
        }
    }

    /** Redis's own confirmation: from here on, every message the target matches reaches this connection. */
    private void confirmed(Target target) {
        if (target.pattern()) {
            confirmedPatterns.put(target.name(), unescaped(target.name()));
        } else {
            confirmedChannels.add(target.name());
        }
        wanted.confirmed(target);
    }

    /**
     * Whether this {@code pmessage} is the delivery of its message that counts: none counts when the channel is
     * subscribed (its {@code message} came first), else the one of the first confirmed pattern matching it.
     */
    private boolean firstDelivery(String redisPattern, String channel) {
        if (confirmedChannels.contains(channel)) {
            return false;
        }
        for (Map.Entry<String, ChannelPattern> pattern : confirmedPatterns.entrySet()) {
            if (pattern.getValue().matches(channel)) {
                return pattern.getKey().equals(redisPattern);
            }
        }
        return false;
    }

    private void lost(RedisConnection conn, Throwable error) {
        if (conn != connection || closed) {
            return;
        }
        connection = null;
        confirmedChannels.clear();
        confirmedPatterns.clear();
        // Channels confirmed before must be confirmed again by the new connection before they count as live.
        wanted.lost();
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
                wanted.resubscribe((target, confirmed) -> send(attempt.result(), target.subscribe(), target.name()))
                        .thenRun(() -> context.runOnContext(done -> {
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
