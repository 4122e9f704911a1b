package dev.herald.broker.memory;

import dev.herald.broker.StoredEvent;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One channel's history inside a {@link MemoryBroker}; guarded by the broker's lock. Every event it takes or drops,
 * whatever the reason (count, age, the node's budget), is reported to the {@link HistoryBudget} it shares with the
 * other channels. Its own size and age come from the rule of the policy that matched its channel when it was made.
 */
final class ChannelLog {

    private record Entry(StoredEvent event, long storedAtMillis, int bytes) {
    }

    private final HistoryBudget budget;
    private final int maxEvents;
    private final long maxAgeMillis;
    private final ArrayDeque<Entry> history = new ArrayDeque<>();
    /** The largest sequence that history dropped; a client behind it has missed events. */
    long trimmedThrough;

    ChannelLog(HistoryBudget budget, int maxEvents, long maxAgeMillis) {
        this.budget = budget;
        this.maxEvents = maxEvents;
        this.maxAgeMillis = maxAgeMillis;
    }

    void append(StoredEvent event, long nowMillis) {
        Entry entry = new Entry(event, nowMillis, HistoryBudget.bytesOf(event));
        budget.added(this, event.sequence(), entry.bytes(), history.isEmpty());
        history.addLast(entry);
        while (history.size() > maxEvents) {
            removeOldest();
        }
    }

    /** Drops the events older than this channel's age at {@code nowMillis}. */
    void evictExpired(long nowMillis) {
        long oldestKeptMillis = nowMillis - maxAgeMillis;
        while (!history.isEmpty() && history.peekFirst().storedAtMillis() < oldestKeptMillis) {
            removeOldest();
        }
    }

    /** Drops the oldest event; a client that has not seen it is told history is gone. */
    void removeOldest() {
        Entry oldest = history.removeFirst();
        trimmedThrough = oldest.event().sequence();
        long nextOldest = history.isEmpty() ? -1 : history.peekFirst().event().sequence();
        budget.removed(this, trimmedThrough, oldest.bytes(), nextOldest);
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
