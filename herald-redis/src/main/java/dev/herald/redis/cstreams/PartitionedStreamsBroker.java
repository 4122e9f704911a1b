package dev.herald.redis.cstreams;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.HistoryRule;
import dev.herald.broker.Lanes;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.BrokerAnswers;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keeps history in Redis Streams spread over {@value Partitions#COUNT} partitions, so that it runs on Redis Cluster:
 * no key takes every publish, and every script touches the keys of one partition, which share a slot
 * ({@link PartitionKeys}). Any node resumes any client from its {@code Last-Event-ID}.
 *
 * <p>A publish runs {@code publish.lua} on its channel's partition: it stamps the event ({@link Stamps}: a hybrid clock,
 * growing within the partition), appends it to the channel's stream with the stamp as entry id and announces it with
 * {@code SPUBLISH} on the partition's live channel, atomically; so stream order and live order are one per partition.
 * Partitions are independent: there is no order across them, only the stamps' approximation of time. Each partition is
 * a {@link Lanes lane} ({@link PartitionLanes}): an event's id names its partition's position ({@link Cursor}), a
 * stream over several partitions carries a cursor naming each, and the hub compares live events with the last one of
 * their own lane. A completed publish is stored and handed to this node's listeners of the channel, as the
 * {@link Broker} contract asks; after {@value BrokerAnswers#DELIVERY_TIMEOUT_SECONDS} s without that it fails with
 * {@link BrokerUnavailableException} although Redis holds the event.
 *
 * <p>No gap is silent: where a partition no longer holds what a node may have missed (a catch-up found a stream
 * trimmed past it, or a data set replaced; a failover lost acknowledged events, see {@link Losses}), the listeners of
 * the partition are told a {@link dev.herald.broker.Gap} at its place ({@link PartitionFeed}), and a replay from before
 * it says history gone.
 *
 * <p>On one Redis the same keys work (the hash tags are just part of their names); the single-Redis
 * {@link dev.herald.redis.streams.StreamsBroker}, with its one sequence and ids {@code <epoch>-<sequence>}, stays the
 * broker of {@code --redis}. Safe from any thread.
 */
public final class PartitionedStreamsBroker implements Broker {

    private final Commands commands;
    /** For {@code WAIT}: a batch runs the script and {@code WAIT} on one connection, to the partition's master. */
    private final Redis batches;
    private final ReplicaWait wait;
    private final int maxLength;
    private final List<HistoryRule> rules;
    private final Stamps stamps = new Stamps(Stamps::systemMicros);
    private final Losses losses;
    private final PartitionHistory history;
    private final PartitionFeed feed;
    private volatile boolean closed;

    private PartitionedStreamsBroker(Vertx vertx, RedisOptions options, int maxLength, List<HistoryRule> rules,
            ReplicaWait wait, BrokerConnection connection) {
        this.commands = Commands.of(vertx, options);
        this.batches = Redis.createClient(vertx, options);
        this.wait = wait;
        this.maxLength = maxLength;
        this.rules = List.copyOf(rules);
        this.losses = new Losses(vertx, commands);
        this.history = new PartitionHistory(commands, stamps, losses);
        this.feed = new PartitionFeed(vertx, Redis.createClient(vertx, options), history, stamps, losses, connection);
    }

    /**
     * Connects to Redis (one server or a cluster, as {@code options} say); fails when it cannot be reached, or when its
     * data was written with another partition count. Each channel keeps about {@code maxLength} events, or the number
     * of the first of {@code rules} that matches it (at least 1; the rule's age does not apply).
     */
    public static Future<PartitionedStreamsBroker> connect(Vertx vertx, RedisOptions options, int maxLength,
            List<HistoryRule> rules, BrokerConnection connection) {
        return connect(vertx, options, maxLength, rules, ReplicaWait.none(), connection);
    }

    /** As {@link #connect(Vertx, RedisOptions, int, List, BrokerConnection)}, acknowledging a publish as {@code wait} says. */
    public static Future<PartitionedStreamsBroker> connect(Vertx vertx, RedisOptions options, int maxLength,
            List<HistoryRule> rules, ReplicaWait wait, BrokerConnection connection) {
        PartitionedStreamsBroker broker = new PartitionedStreamsBroker(vertx, options, maxLength, rules, wait, connection);
        return broker.commands.run(PartitionKeys.recordCount())
                .compose(count -> count.toInteger() == Partitions.COUNT ? broker.feed.start()
                        : Future.failedFuture(new IllegalStateException("the Redis data was written with "
                                + count + " partitions, this node uses " + Partitions.COUNT
                                + "; run every node of one Redis with the same Herald version")))
                .map(started -> broker)
                .onFailure(error -> broker.close());
    }

    /** The partition a channel's history and announcements live in, from 0 to 15: the same on every node. */
    public static int partitionOf(String channel) {
        return Partitions.of(channel);
    }

    private int maxLengthOf(String channel) {
        for (HistoryRule rule : rules) {
            if (rule.matches(channel)) {
                return Math.max(1, rule.maxEvents());
            }
        }
        return maxLength;
    }

    @Override
    public Lanes lanes() {
        return PartitionLanes.INSTANCE;
    }

    @Override
    public CompletionStage<StoredEvent> publish(AdmittedEvent admitted) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
        }
        String channel = admitted.channel();
        String json = FlaskSseCodec.encode(admitted.event());
        int partition = Partitions.of(channel);
        Future<StoredEvent> stored = store(PartitionKeys.publish(channel, maxLengthOf(channel), json, stamps.candidate(),
                losses.known(partition)))
                .map(reply -> {
                    StoredEvent event = Announced.stored(channel, reply.get(0).toLong(), admitted.event());
                    stamps.seen(event.sequence());
                    losses.published(partition, Stamps.stampOf(event.sequence()), reply.get(2).toLong());
                    return event;
                })
                .onFailure(error -> {
                    if (!(error instanceof BrokerUnavailableException)) {
                        losses.publishFailed(partition); // the master may be gone, and what it acknowledged with it
                    }
                });
        return BrokerAnswers.unavailableOnFailure(stored, "Redis did not store the event: ").thenCompose(event ->
                BrokerAnswers.deliveredInTime(feed.delivered(channel, Stamps.stampOf(event.sequence())), event));
    }

    /**
     * Runs the publish script ({@code EVALSHA}); with {@link ReplicaWait}, its text ({@code EVAL}: a batch cannot
     * retry one request on {@code NOSCRIPT}) then {@code WAIT} on the same connection. Replies as the script does.
     */
    private Future<Response> store(RedisScript.Call call) {
        if (wait.replicas() == 0) {
            return commands.run(call);
        }
        Request publish = call.byText();
        Request waitForReplicas = Request.cmd(Command.WAIT).arg(wait.replicas()).arg(wait.timeout().toMillis());
        return batches.connect().compose(connection -> connection.batch(List.of(publish, waitForReplicas))
                .eventually(connection::close))
                .compose(replies -> {
                    long confirmed = replies.get(1).toLong();
                    if (confirmed < wait.replicas()) {
                        return Future.failedFuture(new BrokerUnavailableException("the master stored the event but "
                                + confirmed + " of " + wait.replicas() + " replicas confirmed it within "
                                + wait.timeout().toMillis() + " ms; it may not survive a failover", null));
                    }
                    return Future.succeededFuture(replies.get(0));
                });
    }

    /**
     * Patterns are matched: live by subscribing to every partition; a replay or a rewind on a pattern reads the
     * partitions' sets of channel names and then the streams of those it matches.
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
        batches.close();
    }
}
