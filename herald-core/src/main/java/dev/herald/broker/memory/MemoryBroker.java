package dev.herald.broker.memory;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.HeraldId;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * <p>Ids it assigns are {@code <epoch>-<sequence>}, the epoch being the broker's start time in
 * milliseconds, so an id from before a restart is recognised as unknown (and reported as gone) instead
 * of being mistaken for a position in the new order. Publishers may not use ids of that form.
 *
 * <p>One lock orders everything: a publish takes a sequence, appends to history and calls the listeners
 * under it, so sequence order, history order and delivery order are one. Listeners must be quick.
 * Expired history is dropped at every publish and replay of a channel and by a sweep every quarter of
 * the maximum age (at least every second, at most every minute).
 */
public final class MemoryBroker implements Broker {

    private static final System.Logger LOG = System.getLogger(MemoryBroker.class.getName());

    private final HistoryPolicy policy;
    private final Clock clock;
    private final long epoch;
    private final ScheduledExecutorService sweeper;

    private final Object lock = new Object();
    private final Map<String, ChannelLog> channels = new HashMap<>(); // guarded by lock
    private long lastSequence; // guarded by lock
    private long forgottenThrough; // guarded by lock: the newest sequence of any channel log removed when idle
    private boolean closed; // guarded by lock

    public MemoryBroker(HistoryPolicy policy) {
        this(policy, Clock.systemUTC());
    }

    public MemoryBroker(HistoryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.epoch = clock.millis();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-history-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1000, Math.min(policy.maxAge().dividedBy(4).toMillis(), Duration.ofMinutes(1).toMillis()));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<StoredEvent> publish(String channel, SseEvent event) {
        try {
            HeraldId.checkPublisherId(event.id());
        } catch (InvalidEventException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
            }
            long sequence = ++lastSequence;
            String id = event.id() != null ? event.id() : idOf(sequence);
            StoredEvent stored = new StoredEvent(channel, sequence, event.withId(id));
            ChannelLog log = channels.computeIfAbsent(channel, name -> new ChannelLog());
            long now = clock.millis();
            log.append(stored, now, policy.maxEvents());
            log.evictOlderThan(now - policy.maxAge().toMillis());
            for (BrokerListener listener : log.listeners) {
                deliver(listener, stored);
            }
            return CompletableFuture.completedFuture(stored);
        }
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        synchronized (lock) {
            channels.computeIfAbsent(channel, name -> new ChannelLog()).listeners.add(listener);
        }
        // once only: a second cancel must not remove another registration of the same listener
        return CompletableFuture.completedFuture(BrokerSubscription.once(() -> unsubscribe(channel, listener)));
    }

    @Override
    public CompletionStage<Replay> replay(Set<String> channelNames, String lastEventId) {
        synchronized (lock) {
            String headId = idOf(lastSequence);
            if (lastEventId == null) {
                return CompletableFuture.completedFuture(new Replay(List.of(), false, lastSequence, headId));
            }
            long after = sequenceOf(lastEventId, channelNames);
            boolean gone = after < 0;
            long oldestKept = clock.millis() - policy.maxAge().toMillis();
            List<StoredEvent> events = new ArrayList<>();
            for (String name : channelNames) {
                ChannelLog log = channels.get(name);
                if (log == null) {
                    gone |= forgottenThrough > after;
                    continue;
                }
                log.evictOlderThan(oldestKept);
                gone |= log.trimmedThrough > after;
                log.collectAfter(after, events);
            }
            events.sort(Comparator.comparingLong(StoredEvent::sequence));
            return CompletableFuture.completedFuture(new Replay(events, gone, lastSequence, headId));
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            channels.clear();
        }
        sweeper.shutdownNow();
    }

    /** The sequence an id stands for, or -1 when this broker cannot place it. Caller holds the lock. */
    private long sequenceOf(String id, Set<String> channelNames) {
        HeraldId own = HeraldId.parse(id);
        if (own != null) {
            return own.epoch() == epoch && own.sequence() <= lastSequence ? own.sequence() : -1;
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

    private void unsubscribe(String channel, BrokerListener listener) {
        synchronized (lock) {
            ChannelLog log = channels.get(channel);
            if (log != null) {
                log.listeners.remove(listener);
                if (forgetIfIdle(log)) {
                    channels.remove(channel);
                }
            }
        }
    }

    private void sweep() {
        synchronized (lock) {
            long oldestKept = clock.millis() - policy.maxAge().toMillis();
            channels.values().removeIf(log -> {
                log.evictOlderThan(oldestKept);
                return forgetIfIdle(log);
            });
        }
    }

    /** True when the log holds nothing and nobody listens, after noting what it had trimmed. Caller holds the lock. */
    private boolean forgetIfIdle(ChannelLog log) {
        if (!log.idle()) {
            return false;
        }
        forgottenThrough = Math.max(forgottenThrough, log.trimmedThrough);
        return true;
    }

    private String idOf(long sequence) {
        return new HeraldId(epoch, sequence).toString();
    }

    private static void deliver(BrokerListener listener, StoredEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a broker listener failed on event " + event.event().id(), e);
        }
    }
}
