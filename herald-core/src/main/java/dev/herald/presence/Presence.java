package dev.herald.presence;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.StoredEvent;
import dev.herald.hub.Hub;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.publish.Publisher;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is on which channel, across every node: the streams open on a channel and the token subjects holding them
 * ({@link #of}), and on the channels of {@link PresenceOptions#channels()} the {@value #JOIN} and {@value #LEAVE}
 * events.
 *
 * <p><b>Across nodes</b> (a shared broker) each node counts its own streams in memory and tells the others through the
 * broker, on {@value #CHANNEL}: what changed, at most every {@link #FLUSH} (so a reconnect storm costs each node at
 * most four messages a second, not one per stream), and everything every {@link PresenceOptions#refresh()}, which is
 * also how a node says it is alive: a node not heard from for the ttl is forgotten with its streams. A node that hears
 * of a node it did not know answers with everything at its next flush, so a new node knows the others at once.
 *
 * <p><b>Join and leave</b> are decided by every node for its own streams from the same table: a subject's streams on a
 * channel going from none to some is a join; none left for {@link PresenceOptions#LEAVE_GRACE} is a leave (one that
 * comes back within it announces nothing). They are written to the node's streams of the channel only
 * ({@link Hub#signal}): no id, no history, not replayed on resume, not sent through the broker. Thread-safe: one lock
 * around the table, never held while a stream is written to or the broker called.
 */
public final class Presence implements AutoCloseable {

    /** The reserved channel the nodes tell each other their counts on. */
    public static final String CHANNEL = ChannelNames.RESERVED_PREFIX + "herald.presence";
    /** A subject's first stream on a channel opened. */
    public static final String JOIN = "join";
    /** A subject's last stream on a channel closed, and it stayed away for the grace. */
    public static final String LEAVE = "leave";
    /** How often a node tells what changed. */
    static final Duration FLUSH = Duration.ofMillis(250);
    private static final String EVENT = "presence";
    private static final int TICKS_PER_GAUGE = 4;
    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

    /** A join or leave to write to this node's streams of a channel, once the lock is let go. */
    private record Signal(String channel, String type, String subject, int streams) {
    }

    private final String nodeId = UUID.randomUUID().toString();
    private final PresenceOptions options;
    private final Hub hub;
    private final Publisher publisher;
    private final ScheduledExecutorService timers;
    private final HeraldMetrics metrics;
    private final boolean shared;
    private final long ttlNanos;
    private final long refreshNanos;
    private final ScheduledFuture<?> ticker;
    private final CompletionStage<BrokerSubscription> subscription;

    // Guarded by this.
    private final PresenceTable table = new PresenceTable();
    private final Map<String, Set<String>> announced = new HashMap<>();
    private final Map<String, Future<?>> leaving = new HashMap<>();
    private boolean sendFull = true;
    private long lastFullNanos;
    private int ticks;

    /**
     * Presence over {@code broker}; {@code shared} when other nodes use it too (the Redis modes), so that the counts
     * travel. Runs its flush on {@code timers}.
     */
    public Presence(PresenceOptions options, Hub hub, Broker broker, Publisher publisher, boolean shared,
                    ScheduledExecutorService timers, HeraldMetrics metrics) {
        this.options = options;
        this.hub = hub;
        this.publisher = publisher;
        this.timers = timers;
        this.metrics = metrics;
        this.shared = shared;
        this.ttlNanos = options.ttl().toNanos();
        this.refreshNanos = options.refresh().toNanos();
        this.subscription = shared ? broker.subscribe(CHANNEL, this::heard) : null;
        long flushMillis = FLUSH.toMillis();
        this.ticker = timers.scheduleAtFixedRate(this::tick, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    /** The options it runs with. */
    public PresenceOptions options() {
        return options;
    }

    /** Every node's streams on {@code channel} now, and their subjects. */
    public PresenceCount of(String channel) {
        ChannelCount total;
        synchronized (this) {
            total = table.total(channel);
        }
        return new PresenceCount(channel, total.streams(), total.subjects().keySet().stream().sorted().toList());
    }

    /** A stream of {@code subject} (null when its token names none, or it has no token) opened on {@code channels}. */
    public void opened(Set<String> channels, String subject) {
        count(channels, subject, 1);
    }

    /** A stream {@link #opened} closed. */
    public void closed(Set<String> channels, String subject) {
        count(channels, subject, -1);
    }

    private void count(Set<String> channels, String subject, int delta) {
        List<Signal> signals = new ArrayList<>(0);
        synchronized (this) {
            for (String channel : channels) {
                if (ChannelNames.isReserved(channel) || ChannelNames.isPattern(channel)) {
                    continue; // Herald's own channels are nobody's presence; a pattern subscription is on no one channel
                }
                table.count(channel, subject, delta);
                if (subject != null && options.channels().covers(channel)) {
                    observe(channel, subject, signals);
                }
            }
        }
        write(signals);
    }

    /** Under the lock: decides a join, or the start of a leave's grace, for {@code subject} on {@code channel}. */
    private void observe(String channel, String subject, List<Signal> signals) {
        String key = channel + '\n' + subject;
        int streams = table.streamsOf(channel, subject);
        Set<String> present = announced.computeIfAbsent(channel, c -> new HashSet<>());
        if (streams > 0) {
            Future<?> grace = leaving.remove(key);
            if (grace != null) {
                grace.cancel(false); // back within the grace: neither leave nor join
            } else if (present.add(subject)) {
                signals.add(new Signal(channel, JOIN, subject, streams));
            }
        } else if (present.contains(subject) && !leaving.containsKey(key)) {
            try {
                leaving.put(key, timers.schedule(() -> leave(channel, subject, key),
                        PresenceOptions.LEAVE_GRACE.toMillis(), TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException stopped) {
                // The node is closing: its streams end, and nobody is left here to hear a leave.
            }
        } else if (present.isEmpty()) {
            announced.remove(channel);
        }
    }

    private void leave(String channel, String subject, String key) {
        List<Signal> signals = new ArrayList<>(1);
        synchronized (this) {
            leaving.remove(key);
            Set<String> present = announced.get(channel);
            if (present != null && table.streamsOf(channel, subject) == 0
                    && present.remove(subject)) {
                signals.add(new Signal(channel, LEAVE, subject, 0));
                if (present.isEmpty()) {
                    announced.remove(channel);
                }
            }
        }
        write(signals);
    }

    /** Under the lock: {@link #observe} every subject present or announced on the channels that changed. */
    private void observeChannels(Set<String> touched, List<Signal> signals) {
        for (String channel : touched) {
            if (!options.channels().covers(channel)) {
                continue;
            }
            Set<String> subjects = new HashSet<>(table.total(channel).subjects().keySet());
            subjects.addAll(announced.getOrDefault(channel, Set.of()));
            subjects.forEach(subject -> observe(channel, subject, signals));
        }
    }

    private void write(List<Signal> signals) {
        for (Signal signal : signals) {
            String data = "{\"subject\":" + PresenceCount.quote(signal.subject()) + ",\"streams\":" + signal.streams() + "}";
            hub.signal(signal.channel(), new SseEvent(null, signal.type(), data, null));
        }
    }

    /** What another node said, from the broker. */
    private void heard(StoredEvent event) {
        PresenceMessage message;
        try {
            message = PresenceMessage.parse(event.event().data());
        } catch (IllegalArgumentException e) {
            LOG.debug("ignored on {}: {}", CHANNEL, e.getMessage());
            return;
        }
        if (message.node().equals(nodeId)) {
            return;
        }
        List<Signal> signals = new ArrayList<>(0);
        synchronized (this) {
            Set<String> touched = new HashSet<>();
            if (table.apply(message, System.nanoTime(), touched)) {
                sendFull = true; // a node new to us: it learns everything we have at our next flush
            }
            observeChannels(touched, signals);
        }
        write(signals);
    }

    /** On the timer: tells what changed (or everything, once a refresh), forgets silent nodes, sets the gauges. */
    private void tick() {
        try {
            long now = System.nanoTime();
            PresenceMessage message = null;
            List<Signal> signals = new ArrayList<>(0);
            synchronized (this) {
                if (shared) {
                    boolean full = sendFull || now - lastFullNanos >= refreshNanos;
                    Map<String, ChannelCount> told = table.takeChanged(full);
                    if (full || !told.isEmpty()) {
                        message = new PresenceMessage(nodeId, full, told);
                    }
                    if (full) {
                        sendFull = false;
                        lastFullNanos = now;
                    }
                    Set<String> touched = new HashSet<>();
                    table.expire(now - ttlNanos, touched);
                    observeChannels(touched, signals);
                }
                if (++ticks % TICKS_PER_GAUGE == 0) {
                    metrics.presence(table.channels(), table.subjects());
                }
            }
            write(signals);
            if (message != null) {
                publisher.announce(CHANNEL, new SseEvent(null, EVENT, message.json(), null))
                        .whenComplete((id, error) -> {
                            if (error != null) {
                                LOG.debug("presence not told to the other nodes (restated at the next refresh): {}",
                                        error.getMessage());
                            }
                        });
            }
        } catch (RuntimeException e) {
            // Never let it escape: a periodic task that throws is not run again. A closed broker ends up here.
            LOG.debug("presence flush skipped: {}", e.getMessage());
        }
    }

    /** Stops telling and hearing. */
    @Override
    public void close() {
        ticker.cancel(false);
        if (subscription != null) {
            subscription.thenAccept(BrokerSubscription::cancel);
        }
        synchronized (this) {
            leaving.values().forEach(grace -> grace.cancel(false));
            leaving.clear();
        }
    }
}
