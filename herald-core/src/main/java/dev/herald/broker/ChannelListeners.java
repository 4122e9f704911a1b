package dev.herald.broker;

import dev.herald.access.ChannelPattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of each channel in one broker, and the fan-out to them: one place for what every broker does once
 * it has an event in its order.
 *
 * <p>Safe from any thread. A listener may cancel itself or subscribe another while it receives an event: the
 * lists are copied on change, so a delivery in progress goes on over the listeners it started with. A listener
 * that throws is logged and skipped; the others still receive the event.
 *
 * <p>A channel that {@link ChannelNames#isPattern is a pattern} registers a pattern listener: it receives the events of
 * every channel the pattern matches ({@link ChannelNames#receives}). Cost per event: one map look-up for the exact
 * listeners, then one look-up per distinct length of the patterns' literal prefixes (the text before the first
 * {@code *}) in an index from prefix to patterns, and a full match only for the patterns whose prefix the channel
 * begins with: patterns of other prefixes cost nothing, however many. Reserved channels skip the patterns.
 */
public final class ChannelListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelListeners.class);

    private final Map<String, List<BrokerListener>> byChannel = new ConcurrentHashMap<>();
    /** One entry per distinct pattern; changed under {@code this}, read without a lock. */
    private final List<PatternEntry> patterns = new CopyOnWriteArrayList<>();
    /** {@link #patterns} by literal prefix, rebuilt under {@code this} whenever a pattern comes or goes. */
    private volatile PrefixIndex index = PrefixIndex.of(List.of());

    /** Patterns by literal prefix, with the distinct prefix lengths in ascending order. Immutable. */
    private record PrefixIndex(int[] lengths, Map<String, List<PatternEntry>> byPrefix) {
        static PrefixIndex of(List<PatternEntry> entries) {
            Map<String, List<PatternEntry>> byPrefix = new java.util.HashMap<>();
            for (PatternEntry entry : entries) {
                byPrefix.computeIfAbsent(entry.prefix(), prefix -> new java.util.ArrayList<>()).add(entry);
            }
            int[] lengths = byPrefix.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
            return new PrefixIndex(lengths, byPrefix);
        }

        void deliver(StoredEvent event) {
            String channel = event.channel();
            for (int length : lengths) {
                if (length > channel.length()) {
                    return;
                }
                List<PatternEntry> candidates = byPrefix.get(channel.substring(0, length));
                if (candidates != null) {
                    for (PatternEntry entry : candidates) {
                        if (entry.pattern.matches(channel)) {
                            ChannelListeners.deliver(event, entry.listeners);
                        }
                    }
                }
            }
        }
    }

    /** The listeners of one pattern, with the literal text before its first {@code *}. */
    private record PatternEntry(ChannelPattern pattern, String prefix, List<BrokerListener> listeners) {
        PatternEntry(String text) {
            this(ChannelPattern.of(text), text.substring(0, text.indexOf(ChannelPattern.WILDCARD)), new CopyOnWriteArrayList<>());
        }

        boolean matches(String channel) {
            return channel.startsWith(prefix) && pattern.matches(channel);
        }
    }

    /**
     * Registers a listener of a channel, or of a pattern ({@link ChannelNames#isPattern}); the returned subscription
     * removes this registration once, however often it is cancelled.
     */
    public BrokerSubscription add(String channel, BrokerListener listener) {
        ListenerEntry entry = new ListenerEntry(listener);
        if (ChannelNames.isPattern(channel)) {
            return addPattern(channel, entry);
        }
        byChannel.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(entry);
        return BrokerSubscription.once(() -> byChannel.computeIfPresent(channel, (name, list) -> {
            list.remove(entry);
            return list.isEmpty() ? null : list;
        }));
    }

    private synchronized BrokerSubscription addPattern(String text, ListenerEntry listener) {
        PatternEntry entry = patterns.stream().filter(existing -> existing.pattern.text().equals(text)).findFirst()
                .orElseGet(() -> {
                    PatternEntry created = new PatternEntry(text);
                    patterns.add(created);
                    index = PrefixIndex.of(patterns);
                    return created;
                });
        entry.listeners.add(listener);
        return BrokerSubscription.once(() -> {
            synchronized (this) {
                entry.listeners.remove(listener);
                if (entry.listeners.isEmpty()) {
                    patterns.remove(entry);
                    index = PrefixIndex.of(patterns);
                }
            }
        });
    }

    /**
     * Calls every listener of the event's channel, in registration order, then those of each pattern matching it (a
     * listener registered under both is called for each registration).
     */
    public void deliver(StoredEvent event) {
        List<BrokerListener> listeners = byChannel.get(event.channel());
        if (listeners != null) {
            deliver(event, listeners);
        }
        if (!patterns.isEmpty() && !ChannelNames.isReserved(event.channel())) {
            index.deliver(event);
        }
    }

    /**
     * Tells every registration, of every channel and pattern, of a gap ({@link BrokerListener#onGap}): a backend outage
     * touches them all. A listener that throws is logged and skipped.
     */
    public void gap(Gap gap) {
        byChannel.values().forEach(listeners -> tell(gap, listeners));
        patterns.forEach(entry -> tell(gap, entry.listeners));
    }

    private static void tell(Gap gap, List<BrokerListener> listeners) {
        for (BrokerListener listener : listeners) {
            try {
                listener.onGap(gap);
            } catch (RuntimeException e) {
                LOG.error("a broker listener failed on the gap at " + gap.resumeId()
                        + "; the other listeners are still told", e);
            }
        }
    }

    private static void deliver(StoredEvent event, List<BrokerListener> listeners) {
        for (BrokerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("a broker listener failed on event " + event.event().id()
                        + " of channel " + event.channel() + "; the other listeners still receive it", e);
            }
        }
    }

    /** Whether anyone listens to the channel, by its name or by a pattern matching it. */
    public boolean receives(String channel) {
        if (byChannel.containsKey(channel)) {
            return true;
        }
        if (ChannelNames.isReserved(channel)) {
            return false;
        }
        for (PatternEntry entry : patterns) {
            if (entry.matches(channel)) {
                return true;
            }
        }
        return false;
    }

    /** The patterns someone listens to, as they are now. */
    public Set<String> patterns() {
        return patterns.stream().map(entry -> entry.pattern.text()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a pattern listener is registered. */
    public boolean hasPatterns() {
        return !patterns.isEmpty();
    }

    /** Whether anyone listens to the channel by its name (pattern listeners aside). */
    public boolean has(String channel) {
        return byChannel.containsKey(channel);
    }

    /** The channels someone listens to, as they are now. */
    public Set<String> channels() {
        return Set.copyOf(byChannel.keySet());
    }

    /**
     * One registration: the same listener registered twice is two entries, and cancelling one leaves the other
     * (identity, not the listener's equality, decides).
     */
    private record ListenerEntry(BrokerListener listener) implements BrokerListener {
        @Override
        public void onEvent(StoredEvent event) {
            listener.onEvent(event);
        }

        @Override
        public void onGap(Gap gap) {
            listener.onGap(gap);
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
