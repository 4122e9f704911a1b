package dev.herald.broker.memory;

import dev.herald.broker.ChannelNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where this node's history of each channel and pattern it holds on a relay begins: the sequence taken when the hold
 * began ({@link MemoryBroker#heldFrom}). Before it the node did not receive what other nodes published there, so a
 * replay from an id before it says history gone. A mark lives while its hold does ({@link MemoryBroker#letGo}): a
 * hold that begins again places a newer mark, which every id before the old one is before too. So there are as many
 * marks as channels and patterns held. Guarded by the broker's lock.
 */
final class HoldMarks {

    private final Map<String, Long> channels = new HashMap<>();
    private final Map<String, Long> patterns = new HashMap<>();

    void place(String name, boolean pattern, long sequence) {
        (pattern ? patterns : channels).put(name, sequence);
    }

    /** Removes the mark of {@code name} if it is still the one placed at {@code sequence} (a newer hold keeps its own). */
    void remove(String name, boolean pattern, long sequence) {
        (pattern ? patterns : channels).remove(name, sequence);
    }

    /**
     * Whether a hold of one of the subscriptions (a channel by its name, a pattern as a pattern) began after
     * {@code sequence}: then what was published there before it may be missing here.
     */
    boolean beganAfter(Set<String> subscriptions, long sequence) {
        if (channels.isEmpty() && patterns.isEmpty()) {
            return false;
        }
        for (String subscription : subscriptions) {
            Long mark = (ChannelNames.isPattern(subscription) ? patterns : channels).get(subscription);
            if (mark != null && mark > sequence) {
                return true;
            }
        }
        return false;
    }
}
