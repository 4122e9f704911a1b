package dev.herald.redis.streams;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.Broadcast;
import dev.herald.broker.HistoryRule;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.BrokerAnswers;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.redis.RedisClients;
import dev.herald.redis.RedisCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Keeps history in Redis Streams, so that any node resumes any client from {@code Last-Event-ID}.
 *
 * <p>Each channel is a stream {@code herald:stream:<channel>} capped by length ({@code MAXLEN ~}). One Lua
 * script ({@code publish.lua}) takes the next number of a single sequence, appends the event to its stream
 * with that number as entry id and announces it on the Pub/Sub channel {@code herald:live:<channel>}, all
 * atomically: so sequence order, stream order and live order are one on every node. Live delivery needs no
 * polling: the node's one subscription connection receives the announcements (which carry the event);
 * streams are read only to replay, and to catch up after the node's subscription was lost.
 *
 * <p>An event on several channels ({@link #broadcast}) is one run of {@code publish-many.lua}: one sequence, an
 * entry at it in each channel's stream, an announcement on each channel's live channel naming them all.
 *
 * <p>Ids are {@code <epoch>-<sequence>}: the epoch is stored in Redis with the data set, so every node gives
 * the same id, and an id from a data set that Redis has lost is recognised as unknown. History is bounded by
 * length only: the rules of {@code --history} give a channel its own cap (at least 1), ages do not apply (entry ids
 * are sequences, not times, so Redis cannot trim by time). A publish completes when Redis has stored the event and this
 * node has handed it to its own listeners of the channel (if any), as the {@link Broker} contract asks; should that
 * take longer than {@value BrokerAnswers#DELIVERY_TIMEOUT_SECONDS} s (the node lost its subscription connection and cannot catch
 * up), the publish fails with {@link BrokerUnavailableException} although Redis holds the event.
 *
 * <p>The parts: {@link StreamKeys} (what is kept where, and the requests), {@link StreamHistory} (replay),
 * {@link LiveFeed} with {@link CatchUp} (live delivery), {@link Epochs} and {@link StreamOrder} (one order across
 * data sets). Safe from any thread.
 */
public final class StreamsBroker implements Broker {

    private static final com.fasterxml.jackson.databind.ObjectMapper CHANNEL_LISTS =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final RedisCommands commands;
    private final int maxLength;
    private final List<HistoryRule> rules;
    private final Epochs epochs = new Epochs(System::currentTimeMillis);
    private final StreamHistory history;
    private final LiveFeed feed;
    private volatile boolean closed;

    private StreamsBroker(Vertx vertx, RedisOptions options, int maxLength, List<HistoryRule> rules,
            BrokerConnection connection) {
        this.commands = new RedisCommands(vertx, options);
        this.maxLength = maxLength;
        this.rules = List.copyOf(rules);
        this.history = new StreamHistory(commands, epochs);
        this.feed = new LiveFeed(vertx, Redis.createClient(vertx, options), history, epochs, connection);
    }

    /** Connects to Redis; fails when it cannot be reached. Each channel keeps about {@code maxLength} events. */
    public static Future<StreamsBroker> connect(Vertx vertx, String redisUrl, int maxLength) {
        return connect(vertx, redisUrl, maxLength, BrokerConnection.untracked());
    }

    /** As {@link #connect(Vertx, String, int)}, reporting the subscription connection coming and going to {@code connection}. */
    public static Future<StreamsBroker> connect(Vertx vertx, String redisUrl, int maxLength, BrokerConnection connection) {
        return connect(vertx, redisUrl, maxLength, List.of(), connection);
    }

    /**
     * As {@link #connect(Vertx, String, int, BrokerConnection)}, a channel that one of {@code rules} matches (the first
     * that does) keeping about that rule's number of events instead, at least 1; the rule's age does not apply.
     */
    public static Future<StreamsBroker> connect(Vertx vertx, String redisUrl, int maxLength, List<HistoryRule> rules,
            BrokerConnection connection) {
        StreamsBroker broker = new StreamsBroker(vertx, RedisClients.options(redisUrl), maxLength, rules, connection);
        return broker.feed.start().map(started -> broker).onFailure(error -> broker.close());
    }

    /** The cap of a channel's stream: its first matching rule's events (at least 1, as a stream's cap must be), else the default. */
    private int maxLengthOf(String channel) {
        for (HistoryRule rule : rules) {
            if (rule.matches(channel)) {
                return Math.max(1, rule.maxEvents());
            }
        }
        return maxLength;
    }

    @Override
    public CompletionStage<StoredEvent> publish(AdmittedEvent admitted) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
        }
        String channel = admitted.channel();
        String json = FlaskSseCodec.encode(admitted.event());
        Future<StoredEvent> stored = commands.run(StreamKeys.publish(channel, maxLengthOf(channel), json, epochs.candidate()))
                .map(reply -> new Announcement(channel, epochs.seen(reply.get(0).toLong()), reply.get(1).toLong(), json)
                        .stored(admitted.event()));
        return BrokerAnswers.unavailableOnFailure(stored, "Redis did not store the event: ").thenCompose(event ->
                BrokerAnswers.deliveredInTime(feed.delivered(channel, event.sequence()), event));
    }

    /**
     * One run of {@code publish-many.lua}: one sequence, the event appended to every channel's stream at it, and one
     * announcement per channel naming them all (a node delivers it on each at the first it receives).
     */
    @Override
    public boolean broadcasts() {
        return true;
    }

    @Override
    public CompletionStage<StoredEvent> broadcast(Broadcast broadcast) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
        }
        List<String> channels = broadcast.channels();
        String json = FlaskSseCodec.encode(broadcast.event());
        int[] caps = channels.stream().mapToInt(this::maxLengthOf).toArray();
        String first = channels.get(0);
        Future<StoredEvent> stored = commands.run(StreamKeys.publishMany(channels, CHANNEL_LISTS.valueToTree(channels)
                        .toString(), caps, json, epochs.candidate()))
                .map(reply -> new Announcement(first, epochs.seen(reply.get(0).toLong()), reply.get(1).toLong(), json)
                        .stored(broadcast.event()));
        return BrokerAnswers.unavailableOnFailure(stored, "Redis did not store the event: ").thenCompose(event -> {
            CompletableFuture<?>[] deliveries = channels.stream()
                    .map(channel -> feed.delivered(channel, event.sequence()).toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            return BrokerAnswers.deliveredInTime(CompletableFuture.allOf(deliveries), event);
        });
    }

    /**
     * Patterns are matched: live by {@code PSUBSCRIBE} on the announcements; a replay or a rewind on a pattern reads
     * the set of channel names ({@code SMEMBERS herald:channels}, every channel published on since that set was
     * introduced) and then the streams of those it matches.
     */
    @Override
    public boolean matchesPatterns() {
        return true;
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        return feed.subscribe(channel, listener);
    }

    @Override
    public CompletionStage<Replay> replay(Set<String> channels, String lastEventId) {
        return BrokerAnswers.unavailableOnFailure(history.replay(channels, lastEventId), "Redis did not answer the replay: ");
    }

    @Override
    public CompletionStage<Replay> latest(Set<String> channels, int count) {
        return BrokerAnswers.unavailableOnFailure(history.latest(channels, count), "Redis did not answer the request for the newest events: ");
    }

    @Override
    public void close() {
        closed = true;
        feed.close();
        commands.close();
    }
}
