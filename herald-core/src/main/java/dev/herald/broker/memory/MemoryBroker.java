package dev.herald.broker.memory;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.Broadcast;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.ChannelListeners;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.Gap;
import dev.herald.broker.HeraldId;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.HistoryRule;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A broker inside one process (the seed's "pure" variant): no Redis, history in memory, lost on restart.
 *
 * <p>Keeps the {@link Broker} contract. Its sequence is a plain counter from 1. Ids it assigns are
 * {@code <epoch>-<sequence>} ({@link HeraldId}), the epoch being the broker's start time in milliseconds, so an
 * id from before a restart is recognised as unknown (and reported as gone) instead of being mistaken for a
 * position in the new order.
 *
 * <p>One lock orders everything: a publish takes a sequence, appends to history and calls the listeners
 * under it, so sequence order, history order and delivery order are one. Listeners must be quick. A publish
 * completes before it returns. A {@link #broadcast} takes one sequence and stores the event in each channel's log.
 * Each channel keeps what the policy's first matching rule says ({@link HistoryPolicy#retentionOf}), looked up once
 * when the channel first has history. Expired history is dropped at every publish and replay of a channel and by a
 * sweep every quarter of the shortest age of the policy (at least every second, at most every minute). All channels' history together takes at most the
 * policy's {@link HistoryPolicy#maxBytes()} of heap (as {@link #historyBytes()} estimates it): a publish that would
 * pass it drops the oldest events of all channels first, and a client that resumes before a dropped event is told
 * history is gone, as for an event trimmed by count or age.
 *
 * <p>It {@link #matchesPatterns() matches patterns}: a replay or a rewind on a pattern reads every channel log the
 * pattern matches now, one pass over the channel names per pattern. A channel whose log was forgotten (emptied by age,
 * count or the byte budget, and idle) after the client's cursor cannot be told apart from one the pattern matched, so
 * such a replay says history is gone: a gap may be reported that the client did not have, never hidden.
 *
 * <p>Behind a relay, a channel or pattern this node begins to hold is {@link #heldFrom marked}: a replay naming it from
 * an id before the mark says history gone, for the node did not receive it before.
 */
public final class MemoryBroker implements Broker {

    private final HistoryPolicy policy;
    private final Clock clock;
    private final long epoch;
    private final ScheduledExecutorService sweeper;

    private final Object lock = new Object();
    private final Map<String, ChannelLog> channels = new HashMap<>(); // guarded by lock
    private final HistoryBudget budget; // guarded by lock
    private final ChannelListeners listeners = new ChannelListeners(); // delivered to under lock
    private long lastSequence; // guarded by lock
    /** The sequence of the newest event, 0 once a gap came after it: hold marks may come between. Guarded by lock. */
    private long lastStored;
    private long forgottenThrough; // guarded by lock: the newest sequence of any channel log removed when idle
    private long lastGap; // guarded by lock: the sequence of the newest gap, 0 before the first
    private final HoldMarks holdMarks = new HoldMarks(); // guarded by lock
    private boolean closed; // guarded by lock

    public MemoryBroker(HistoryPolicy policy) {
        this(policy, Clock.systemUTC());
    }

    public MemoryBroker(HistoryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.epoch = clock.millis();
        this.budget = new HistoryBudget(policy.maxBytes());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-history-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1000, Math.min(policy.shortestAge().dividedBy(4).toMillis(), Duration.ofMinutes(1).toMillis()));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<StoredEvent> publish(AdmittedEvent admitted) {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
            }
            long sequence = ++lastSequence;
            lastStored = sequence;
            String id = admitted.event().id() != null ? admitted.event().id() : idOf(sequence);
            StoredEvent stored = new StoredEvent(admitted.channel(), sequence, admitted.event().withId(id));
            ChannelLog log = channels.computeIfAbsent(admitted.channel(), this::newLog);
            long now = clock.millis();
            log.append(stored, now);
            log.evictExpired(now);
            budget.enforce();
            listeners.deliver(stored);
            return CompletableFuture.completedFuture(stored);
        }
    }

    /** One sequence and one id, stored in each channel's log and delivered to each channel's listeners under the lock. */
    @Override
    public boolean broadcasts() {
        return true;
    }

    @Override
    public CompletionStage<StoredEvent> broadcast(Broadcast broadcast) {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
            }
            long sequence = ++lastSequence;
            lastStored = sequence;
            String id = broadcast.event().id() != null ? broadcast.event().id() : idOf(sequence);
            List<StoredEvent> stored = new ArrayList<>(broadcast.channels().size());
            long now = clock.millis();
            for (String channel : broadcast.channels()) {
                StoredEvent event = new StoredEvent(channel, sequence, broadcast.event().withId(id));
                ChannelLog log = channels.computeIfAbsent(channel, this::newLog);
                log.append(event, now);
                log.evictExpired(now);
                stored.add(event);
            }
            budget.enforce();
            stored.forEach(listeners::deliver);
            return CompletableFuture.completedFuture(stored.get(0));
        }
    }

    /**
     * Stores the newest event again on another channel, with its sequence and id, and hands it to that channel's
     * listeners: for a relay whose messages of one event on several channels arrive one after the other (see
     * {@link dev.herald.broker.relay.RelayedBroker}). Does nothing and answers null when {@code newest} is no longer
     * the newest event here, or a gap came after it (then the caller publishes the message as an event of its own); a
     * {@link #heldFrom hold mark} in between does not count, as no listener is told of it.
     *
     * @return the event as stored on {@code channel}, or null
     */
    public StoredEvent storeNewestAlsoOn(StoredEvent newest, String channel) {
        synchronized (lock) {
            if (closed || newest.sequence() != lastStored) {
                return null;
            }
            StoredEvent event = new StoredEvent(channel, newest.sequence(), newest.event());
            ChannelLog log = channels.computeIfAbsent(channel, this::newLog);
            long now = clock.millis();
            log.append(event, now);
            log.evictExpired(now);
            budget.enforce();
            listeners.deliver(event);
            return event;
        }
    }

    @Override
    public boolean matchesPatterns() {
        return true;
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        BrokerSubscription registration;
        synchronized (lock) {
            registration = listeners.add(channel, listener);
        }
        return CompletableFuture.completedFuture(BrokerSubscription.once(() -> {
            synchronized (lock) {
                registration.cancel();
                ChannelLog log = channels.get(channel);
                if (log != null && forgetIfIdle(channel, log)) {
                    channels.remove(channel);
                }
            }
        }));
    }

    @Override
    public CompletionStage<Replay> replay(Set<String> subscriptions, String lastEventId) {
        synchronized (lock) {
            String headId = idOf(lastSequence);
            if (lastEventId == null) {
                return CompletableFuture.completedFuture(new Replay(List.of(), false, lastSequence, headId));
            }
            Set<String> channelNames = matched(subscriptions);
            long after = sequenceOf(lastEventId, channelNames);
            boolean gone = after < 0 || lastGap > after || (channelNames != subscriptions && forgottenThrough > after)
                    || holdMarks.beganAfter(subscriptions, after);
            long now = clock.millis();
            List<StoredEvent> events = new ArrayList<>();
            for (String name : channelNames) {
                ChannelLog log = channels.get(name);
                if (log == null) {
                    gone |= forgottenThrough > after;
                    continue;
                }
                log.evictExpired(now);
                gone |= log.trimmedThrough > after;
                log.collectAfter(after, events);
            }
            events.sort(Comparator.comparingLong(StoredEvent::sequence));
            return CompletableFuture.completedFuture(new Replay(events, gone, lastSequence, headId));
        }
    }

    @Override
    public CompletionStage<Replay> latest(Set<String> subscriptions, int count) {
        synchronized (lock) {
            Set<String> channelNames = matched(subscriptions);
            long now = clock.millis();
            List<StoredEvent> events = new ArrayList<>();
            for (String name : channelNames) {
                ChannelLog log = channels.get(name);
                if (log != null) {
                    log.evictExpired(now);
                    log.collectLast(count, events);
                }
            }
            return CompletableFuture.completedFuture(Replay.latest(events, count, lastSequence, idOf(lastSequence)));
        }
    }

    /**
     * Records that this node may have missed events of every channel: its feed (a relay) was cut and is back. The gap
     * takes the next sequence; from then on a replay from an id before it says history gone, on every channel, and
     * every listener, of every channel and pattern, is told ({@link BrokerListener#onGap}) in order with the events.
     * A channel whose events the node did not miss is told too: a gap may be told that a client did not have, never
     * hidden.
     *
     * @return the gap; {@code null} once the broker is closed
     */
    public Gap gap() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            long sequence = ++lastSequence;
            lastGap = sequence;
            lastStored = 0;
            Gap gap = new Gap(sequence, idOf(sequence));
            listeners.gap(gap);
            return gap;
        }
    }

    /**
     * Records that this node receives the events of a channel, or of the channels a pattern matches, from now on only:
     * a relay's hold of it begins (again), and whatever other nodes published there before did not reach this node.
     * The mark takes the next sequence; until {@link #letGo}, a replay naming that channel (or that pattern) from an
     * id before it says history gone, and holds what history still has. No listener is told: nobody held it. The
     * caller marks before it asks the relay, so that every id handed out from then on (a new client's head) is not
     * before the mark.
     *
     * @param pattern whether {@code name} is a pattern held as one (a channel whose name holds {@code *} is not)
     * @return the mark's sequence, for {@link #letGo}
     */
    public long heldFrom(String name, boolean pattern) {
        synchronized (lock) {
            long sequence = ++lastSequence;
            holdMarks.place(name, pattern, sequence);
            return sequence;
        }
    }

    /**
     * Forgets the mark {@link #heldFrom} placed, as the relay lets go of {@code name}: a replay while it is not held is
     * the relayed broker's to answer, and the next hold places a newer mark. A newer mark of {@code name} is kept.
     */
    public void letGo(String name, boolean pattern, long mark) {
        synchronized (lock) {
            holdMarks.remove(name, pattern, mark);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            channels.clear();
            budget.clear();
        }
        sweeper.shutdownNow();
    }

    /**
     * The heap that history takes now, all channels together, as the broker counts it against
     * {@link HistoryPolicy#maxBytes()}: each event's text (one byte a character while all are Latin-1, two otherwise)
     * and 256 bytes for the objects around it.
     */
    public long historyBytes() {
        synchronized (lock) {
            return budget.usedBytes();
        }
    }

    /**
     * The channels the subscriptions name, each pattern replaced by the channels with a log it matches; the same set
     * when none is a pattern. Caller holds the lock.
     */
    private Set<String> matched(Set<String> subscriptions) {
        if (subscriptions.stream().noneMatch(ChannelNames::isPattern)) {
            return subscriptions;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String subscription : subscriptions) {
            if (!ChannelNames.isPattern(subscription)) {
                names.add(subscription);
                continue;
            }
            for (String channel : channels.keySet()) {
                if (ChannelNames.receives(subscription, channel)) {
                    names.add(channel);
                }
            }
        }
        return names;
    }

    /** The sequence an id stands for, or -1 when this broker cannot place it. Caller holds the lock. */
    private long sequenceOf(String id, Set<String> channelNames) {
        HeraldId own = HeraldId.parse(id);
        if (own != null) {
            return own.sequenceIn(epoch, lastSequence);
        }
        long found = -1;
        for (String name : channelNames) {
            ChannelLog log = channels.get(name);
            if (log != null) {
                found = Math.max(found, log.sequenceOf(id));
            }
        }
        return found;
    }

    private void sweep() {
        synchronized (lock) {
            long now = clock.millis();
            channels.entrySet().removeIf(entry -> {
                entry.getValue().evictExpired(now);
                return forgetIfIdle(entry.getKey(), entry.getValue());
            });
        }
    }

    /** True when the log holds nothing and nobody listens, after noting what it had trimmed. Caller holds the lock. */
    private boolean forgetIfIdle(String channel, ChannelLog log) {
        if (!log.isEmpty() || listeners.has(channel)) {
            return false;
        }
        forgottenThrough = Math.max(forgottenThrough, log.trimmedThrough);
        return true;
    }

    /** A channel's log, kept as the policy's rule for it says (looked up once, when the channel first has history). */
    private ChannelLog newLog(String channel) {
        HistoryRule retention = policy.retentionOf(channel);
        return new ChannelLog(budget, retention.maxEvents(), retention.maxAge().toMillis());
    }

    private String idOf(long sequence) {
        return new HeraldId(epoch, sequence).toString();
    }
}
