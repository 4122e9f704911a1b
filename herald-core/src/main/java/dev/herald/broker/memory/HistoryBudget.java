package dev.herald.broker.memory;

import dev.herald.broker.StoredEvent;
import dev.herald.sse.SseEvent;
import java.util.TreeMap;

/**
 * The heap that a {@link MemoryBroker}'s history takes, all channels together, and the order in which it gives it
 * back: when the history holds more than its budget, the oldest event of all channels goes first. Guarded by the
 * broker's lock.
 *
 * <p>Every channel log reports its oldest event here whenever that changes; the logs are kept ordered by it, so the
 * oldest event of all is found in O(log channels), and a publish never walks the history.
 */
final class HistoryBudget {

    /**
     * What an event costs beyond its text, counted field by field for a 64-bit JVM with compressed pointers: the log's
     * entry, the stored event and the event (32 bytes each), four strings with their arrays (the channel's name, the
     * id, the type, the data: 40 bytes each) and the deque's slot, rounded up.
     */
    static final int EVENT_OVERHEAD = 256;

    private final long maxBytes;
    private long usedBytes;
    /** Every non-empty log, by the sequence of its oldest event. */
    private final TreeMap<Long, ChannelLog> byOldest = new TreeMap<>();

    HistoryBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The heap an event takes in history, as the JVM's compact strings hold its text: one byte a character while
     * every character is Latin-1, two otherwise.
     */
    static int bytesOf(StoredEvent stored) {
        SseEvent event = stored.event();
        return EVENT_OVERHEAD + bytesOf(event.id()) + bytesOf(event.type()) + bytesOf(event.data());
    }

    private static int bytesOf(String text) {
        if (text == null) {
            return 0;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return 2 * text.length();
            }
        }
        return text.length();
    }

    /** A log took an event of {@code bytes}; {@code wasEmpty} when it was its first. */
    void added(ChannelLog log, long sequence, int bytes, boolean wasEmpty) {
        usedBytes += bytes;
        if (wasEmpty) {
            byOldest.put(sequence, log);
        }
    }

    /** A log dropped its oldest event, of {@code sequence} and {@code bytes}; {@code nextOldest} is -1 if none is left. */
    void removed(ChannelLog log, long sequence, int bytes, long nextOldest) {
        usedBytes -= bytes;
        byOldest.remove(sequence);
        if (nextOldest >= 0) {
            byOldest.put(nextOldest, log);
        }
    }

    /** Drops the oldest events of all channels until the history fits its budget. */
    void enforce() {
        while (usedBytes > maxBytes) {
            byOldest.firstEntry().getValue().removeOldest();
        }
    }

    long usedBytes() {
        return usedBytes;
    }

    /** Forgets everything (the broker closed). */
    void clear() {
        usedBytes = 0;
        byOldest.clear();
    }
}
