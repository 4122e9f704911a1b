package dev.herald.broker.relay;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.Broadcast;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.sse.SseEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MemoryBroker} on every node, fed by a {@link Relay}: the relay carries events between nodes, the memory
 * broker gives them this node's order, ids and history. This is Redis Pub/Sub mode.
 *
 * <p>Everything this node delivers comes in through the relay, its own events too: a publish holds the channel,
 * sends the event, and completes when the relay brought it back and the memory broker stored and delivered it. So
 * the {@link Broker} contract holds per node, and every node sees the relay's one order. Events published without
 * an id get {@code h<node>-<n>}, the same on every node that receives them, so a client resumes from it on any node
 * that received that event; ids the memory broker gives (to events from other programs that carry none) are this
 * node's.
 *
 * <p>While the relay is reconnecting, publishing fails with {@link BrokerUnavailableException}: the event could not
 * come back to this node. What other nodes publish meanwhile never reaches this one (a relay keeps nothing), so once
 * the relay is {@link Relay.Receiver#restored() restored} the memory broker records a {@link MemoryBroker#gap() gap}:
 * every listener, of every channel and pattern, is told ({@link dev.herald.broker.BrokerListener#onGap}), and a replay
 * from an id before it says history gone. The gap is placed when the relay is back, not when it was lost: a client
 * that connected during the outage missed events too.
 * Should another sender put the very same message on the same channel while a publish waits, the publish completes
 * with whichever of the two arrives first: they are equal events.
 *
 * <p><b>Channels let go of.</b> This node holds a channel (or pattern) on the relay only while a listener or a publish
 * of its own needs it, and for the {@link RelayOptions#LINGER linger} after the last let go ({@link ChannelHolds}):
 * a long-poll client's next request, or a stream reconnecting to this node within it, misses nothing. Once the relay
 * lets go, what other nodes publish there never reaches this node, and no live listener is there to tell. So a replay
 * of a channel or pattern the relay does not hold says history gone (from any id), and each hold that begins marks the
 * memory broker first ({@link MemoryBroker#heldFrom}): a replay from an id before the mark says history gone and holds
 * what history still has, one from an id given after it does not. A new client's head, read after its subscription
 * began, is not before the mark. Events published elsewhere between the mark and the relay's confirmation of the hold
 * (one round trip to Redis) do not reach a client that connected without an id in that time; a client with an id from
 * before is told.
 *
 * <p>An event on several channels ({@link #broadcast}) is one message per channel, each the flask-sse message of the
 * event with its one id, sent at once ({@link Relay#sendAll}: a Redis script), so a flask-sse subscriber of one of the
 * channels sees an ordinary message. A node that receives the same message, carrying an id, on another channel right
 * after the first (nothing in between) stores it as the same event: one sequence, in both channels' history
 * ({@link MemoryBroker#storeNewestAlsoOn}); so a stream on several of the channels gets it once, and any of them
 * resumes from its id. (Another program sending one message with an id on two channels back to back is read the same
 * way: the same id, the same content, one event.)
 */
public final class RelayedBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(RelayedBroker.class);
    /** How long a publish waits for its event to come back once the relay took it. */
    private static final Duration RETURN_TIMEOUT = Duration.ofSeconds(10);

    private final MemoryBroker local;
    private final Relay relay;
    private final ChannelHolds holds;
    private final String idPrefix = "h" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicLong assigned = new AtomicLong();

    private final Object lock = new Object();
    /** Publishes waiting for their message to come back, oldest first per channel and message. Guarded by lock. */
    private final Map<Sent, ArrayDeque<CompletableFuture<StoredEvent>>> returning = new HashMap<>();
    private boolean down; // guarded by lock
    private boolean closed; // guarded by lock

    private record Sent(String channel, String message) {
    }

    /**
     * The newest message received (one carrying an id), the event it was stored as, and the channels it has been
     * stored on so far. Confined to the receiver's thread.
     */
    private record Newest(String message, StoredEvent stored, Set<String> channels) {
    }

    private RelayedBroker(Relay relay, HistoryPolicy history, RelayOptions options, HeraldMetrics metrics) {
        this.relay = relay;
        this.local = new MemoryBroker(history);
        this.holds = new ChannelHolds(relay, local, options.linger(), metrics);
    }

    /** {@link #start(Relay, HistoryPolicy, RelayOptions)} with the {@link RelayOptions#defaults() default options}. */
    public static CompletionStage<RelayedBroker> start(Relay relay, HistoryPolicy history) {
        return start(relay, history, RelayOptions.defaults());
    }

    /** {@link #start(Relay, HistoryPolicy, RelayOptions, HeraldMetrics)} counting nothing. */
    public static CompletionStage<RelayedBroker> start(Relay relay, HistoryPolicy history, RelayOptions options) {
        return start(relay, history, options, HeraldMetrics.NONE);
    }

    /**
     * Starts the relay and a broker over it; fails (closing both) when the relay's backend is unreachable.
     *
     * @param metrics told how many channels the node holds for nobody ({@link HeraldMetrics#channelsLingering})
     */
    public static CompletionStage<RelayedBroker> start(Relay relay, HistoryPolicy history, RelayOptions options,
            HeraldMetrics metrics) {
        RelayedBroker broker = new RelayedBroker(relay, history, options, metrics);
        return relay.start(broker.new Receiving()).handle((started, error) -> {
            if (error != null) {
                broker.close();
                throw new BrokerUnavailableException("cannot start the relay: " + error.getMessage(), error);
            }
            return broker;
        });
    }

    @Override
    public CompletionStage<StoredEvent> publish(AdmittedEvent admitted) {
        SseEvent event = admitted.event().id() != null
                ? admitted.event()
                : admitted.event().withId(idPrefix + "-" + assigned.incrementAndGet());
        Sent sent = new Sent(admitted.channel(), relay.encode(event));
        CompletableFuture<StoredEvent> back = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
            }
            if (down) {
                return CompletableFuture.failedFuture(new BrokerUnavailableException(
                        "the relay is reconnecting; the event was not sent", null));
            }
            returning.computeIfAbsent(sent, key -> new ArrayDeque<>()).add(back);
        }
        ChannelHolds.Hold hold = holds.hold(sent.channel(), false);
        hold.held()
                // A hold waits through an outage; by then the publish may have been answered (the relay was lost, or
                // the event did not come back in time), and its publisher told to try again: it is not sent late.
                .thenCompose(held -> back.isDone() ? CompletableFuture.<Void>completedFuture(null)
                        : relay.send(sent.channel(), sent.message()))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        back.completeExceptionally(error);
                    }
                });
        return awaitReturn(sent, back, List.of(hold));
    }

    /** The publish's answer once its message came back (or did not), the channels let go of. */
    private CompletionStage<StoredEvent> awaitReturn(Sent sent, CompletableFuture<StoredEvent> back,
            List<ChannelHolds.Hold> held) {
        return back.orTimeout(RETURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((stored, error) -> {
            forget(sent, back);
            held.forEach(ChannelHolds.Hold::release);
            if (error == null) {
                return stored;
            }
            Throwable cause = error;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof BrokerUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof TimeoutException) {
                throw new BrokerUnavailableException("the relay took the event but did not bring it back within "
                        + RETURN_TIMEOUT.toSeconds() + " s", cause);
            }
            throw new BrokerUnavailableException("the relay did not take the event: " + cause.getMessage(), cause);
        });
    }

    /**
     * As its relay {@link Relay#sendsAllAtOnce() sends all at once}: messages sent one after the other could reach a
     * node with others between them, stored as separate events, and a stream on two of the channels would receive it
     * twice.
     */
    @Override
    public boolean broadcasts() {
        return relay.sendsAllAtOnce();
    }

    /**
     * Holds every channel, sends the message on all at once ({@link Relay#sendAll}) and completes when it came back on
     * the last one, by then stored here on each as one event.
     */
    @Override
    public CompletionStage<StoredEvent> broadcast(Broadcast broadcast) {
        if (!broadcasts()) {
            return Broker.super.broadcast(broadcast);
        }
        List<String> channels = broadcast.channels();
        SseEvent event = broadcast.event().id() != null
                ? broadcast.event()
                : broadcast.event().withId(idPrefix + "-" + assigned.incrementAndGet());
        String message = relay.encode(event);
        Sent last = new Sent(channels.get(channels.size() - 1), message);
        CompletableFuture<StoredEvent> back = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
            }
            if (down) {
                return CompletableFuture.failedFuture(new BrokerUnavailableException(
                        "the relay is reconnecting; the event was not sent", null));
            }
            returning.computeIfAbsent(last, key -> new ArrayDeque<>()).add(back);
        }
        List<ChannelHolds.Hold> holding = channels.stream().map(channel -> holds.hold(channel, false)).toList();
        CompletableFuture.allOf(holding.stream().map(hold -> hold.held().toCompletableFuture())
                        .toArray(CompletableFuture[]::new))
                .thenCompose(held -> back.isDone() ? CompletableFuture.<Void>completedFuture(null)
                        : relay.sendAll(channels, message))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        back.completeExceptionally(error);
                    }
                });
        return awaitReturn(last, back, holding).thenApply(stored ->
                new StoredEvent(channels.get(0), stored.sequence(), stored.event()));
    }

    /** As its relay {@link Relay#holdsPatterns() holds patterns}: then the memory broker matches them here. */
    @Override
    public boolean matchesPatterns() {
        return relay.holdsPatterns();
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        CompletionStage<BrokerSubscription> registered = local.subscribe(channel, listener);
        ChannelHolds.Hold hold = holds.hold(channel, ChannelNames.isPattern(channel));
        return registered.thenCombine(hold.held(), (registration, held) -> BrokerSubscription.once(() -> {
            registration.cancel();
            hold.release();
        }));
    }

    /**
     * The memory broker's replay, which a {@link MemoryBroker#heldFrom hold mark} makes say history gone from before
     * the channel was held again; and history gone from any id while a channel (or pattern) is not held at all: what
     * other nodes publish there does not reach this node.
     */
    @Override
    public CompletionStage<Replay> replay(Set<String> channels, String lastEventId) {
        CompletionStage<Replay> replay = local.replay(channels, lastEventId);
        if (lastEventId == null || holds.holdsAll(channels)) {
            return replay;
        }
        return replay.thenApply(read -> read.historyGone() ? read
                : new Replay(read.events(), true, read.headSequence(), read.headId()));
    }

    /** How many channels and patterns this node keeps on its relay for nobody now, waiting out the linger. */
    public int lingering() {
        return holds.lingering();
    }

    @Override
    public CompletionStage<Replay> latest(Set<String> channels, int count) {
        return local.latest(channels, count);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        holds.close();
        relay.close();
        local.close();
    }

    private void forget(Sent sent, CompletableFuture<StoredEvent> back) {
        synchronized (lock) {
            ArrayDeque<CompletableFuture<StoredEvent>> waiting = returning.get(sent);
            if (waiting != null && waiting.remove(back) && waiting.isEmpty()) {
                returning.remove(sent);
            }
        }
    }

    /** What the relay reports, on its thread. */
    private final class Receiving implements Relay.Receiver {

        private Newest newest;
        /** Whether a gap was placed since the relay was last {@link #lost}. */
        private boolean gapSinceLost = true;

        @Override
        public void received(String channel, String message) {
            boolean down;
            synchronized (lock) {
                down = RelayedBroker.this.down;
            }
            if (down && !gapSinceLost) {
                // A channel held again delivers before every channel is (restored): what was missed comes before this
                // message, so the gap does too; restored places another for the channels held again after it.
                gapSinceLost = true;
                local.gap();
            }
            if (newest != null && newest.message().equals(message) && !newest.channels().contains(channel)) {
                StoredEvent also = local.storeNewestAlsoOn(newest.stored(), channel);
                if (also != null) {
                    newest.channels().add(channel);
                    returned(channel, message, also, null);
                    return;
                }
            }
            AdmittedEvent admitted;
            try {
                admitted = new AdmittedEvent(channel, relay.decode(message));
            } catch (IllegalArgumentException refused) {
                LOG.warn("skipping a message on channel \"" + channel + "\": "
                        + refused.getMessage());
                return;
            }
            // The memory broker completes before it returns: newest is set before the next message is received.
            local.publish(admitted).whenComplete((stored, error) -> {
                newest = error != null || admitted.event().id() == null ? null
                        : new Newest(message, stored, new java.util.HashSet<>(Set.of(channel)));
                returned(channel, message, stored, error);
            });
        }

        /** Answers the oldest publish of this node waiting for {@code message} on {@code channel}, if any. */
        private void returned(String channel, String message, StoredEvent stored, Throwable error) {
            CompletableFuture<StoredEvent> waiting;
            synchronized (lock) {
                ArrayDeque<CompletableFuture<StoredEvent>> queue = returning.get(new Sent(channel, message));
                waiting = queue == null ? null : queue.poll();
            }
            if (waiting == null) {
                return;
            }
            if (error != null) {
                waiting.completeExceptionally(error);
            } else {
                waiting.complete(stored);
            }
        }

        @Override
        public void lost() {
            newest = null;
            gapSinceLost = false;
            List<CompletableFuture<StoredEvent>> unconfirmed = new ArrayList<>();
            synchronized (lock) {
                down = true;
                returning.values().forEach(unconfirmed::addAll);
                returning.clear();
            }
            // Failed outside the lock: a failed publish runs its callbacks at once, on this thread, and they forget
            // their entry in the map that was being walked.
            BrokerUnavailableException lostConnection = new BrokerUnavailableException(
                    "the relay connection was lost before the event came back", null);
            unconfirmed.forEach(back -> back.completeExceptionally(lostConnection));
        }

        @Override
        public void restored() {
            synchronized (lock) {
                down = false;
            }
            local.gap();
        }
    }
}
