package dev.herald.broker;

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
 */
public final class ChannelListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelListeners.class);

    private final Map<String, List<BrokerListener>> byChannel = new ConcurrentHashMap<>();

    /** Registers a listener; the returned subscription removes this registration once, however often it is cancelled. */
    public BrokerSubscription add(String channel, BrokerListener listener) {
        ListenerEntry entry = new ListenerEntry(listener);
        byChannel.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(entry);
        return BrokerSubscription.once(() -> byChannel.computeIfPresent(channel, (name, list) -> {
            list.remove(entry);
            return list.isEmpty() ? null : list;
        }));
    }

    /** Calls every listener of the event's channel, in registration order. */
    public void deliver(StoredEvent event) {
        List<BrokerListener> listeners = byChannel.get(event.channel());
        if (listeners == null) {
            return;
        }
        for (BrokerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("a broker listener failed on event " + event.event().id()
                        + " of channel " + event.channel() + "; the other listeners still receive it", e);
            }
        }
    }

    /** Whether anyone listens to the channel. */
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
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
