package dev.herald.broker.memory;

import dev.herald.broker.StoredEvent;
import java.util.ArrayDeque;
import java.util.List;

/** One channel's history inside a {@link MemoryBroker}; guarded by the broker's lock. */
final class ChannelLog {

    private record Entry(StoredEvent event, long storedAtMillis) {
    }

    private final ArrayDeque<Entry> history = new ArrayDeque<>();
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

    /** Adds the newest {@code count} retained events, oldest first. */
    void collectLast(int count, List<StoredEvent> into) {
        int skip = Math.max(0, history.size() - count);
        for (Entry entry : history) {
            if (skip-- <= 0) {
                into.add(entry.event());
            }
        }
    }

    boolean isEmpty() {
        return history.isEmpty();
    }
}
