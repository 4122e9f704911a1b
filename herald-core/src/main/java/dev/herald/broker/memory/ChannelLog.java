package dev.herald.broker.memory;

import dev.herald.broker.BrokerListener;
import dev.herald.broker.StoredEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One channel's history and listeners inside a {@link MemoryBroker}; guarded by the broker's lock. */
final class ChannelLog {

    private record Entry(StoredEvent event, long storedAtMillis) {
    }

    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    /**
     * Copied on change, so that a listener may cancel or subscribe while a publish calls it (on the same thread,
     * inside the lock) without upsetting that publish's iteration.
     */
    final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    /** The largest sequence that history dropped; a client behind it has missed events. */
    long trimmedThrough;

    void append(StoredEvent event, long nowMillis, int maxEvents) {
        history.addLast(new Entry(event, nowMillis));
        while (history.size() > maxEvents) {
            trimmedThrough = history.removeFirst().event().sequence();
        }
    }

    void evictOlderThan(long oldestKeptMillis) {
        while (!history.isEmpty() && history.peekFirst().storedAtMillis() < oldestKeptMillis) {
            trimmedThrough = history.removeFirst().event().sequence();
        }
    }

    /** The sequence of the newest retained event whose id is {@code id}, or -1. */
    long sequenceOf(String id) {
        var it = history.descendingIterator();
        while (it.hasNext()) {
            StoredEvent event = it.next().event();
            if (event.event().id().equals(id)) {
                return event.sequence();
            }
        }
        return -1;
    }

    void collectAfter(long sequence, List<StoredEvent> into) {
        for (Entry entry : history) {
            if (entry.event().sequence() > sequence) {
                into.add(entry.event());
            }
        }
    }

    boolean idle() {
        return history.isEmpty() && listeners.isEmpty();
    }
}
