package dev.herald.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a reconnecting (or new) subscriber must be sent before live events.
 *
 * @param events        the events after the client's last event id on its channels, oldest first
 * @param historyGone   {@code true} when the broker no longer holds everything after that id (it was
 *                      trimmed, expired, or never known here); {@code events} is then all that history still holds
 * @param headSequence  the broker's latest sequence when the replay was read: every later event reaches
 *                      the subscriber live
 * @param headId        an id that stands for {@code headSequence}, to hand a new client as its resume point
 */
public record Replay(List<StoredEvent> events, boolean historyGone, long headSequence, String headId) {

    public Replay {
        events = List.copyOf(events);
    }

    /**
     * The answer of {@link Broker#latest}: the newest {@code count} of events gathered from several channels, oldest
     * first. Each channel must have given its own newest {@code count} (or all it holds), so that the newest
     * {@code count} of all of them are among those gathered.
     */
    public static Replay latest(List<StoredEvent> gathered, int count, long headSequence, String headId) {
        List<StoredEvent> sorted = new ArrayList<>(gathered);
        sorted.sort(Comparator.comparingLong(StoredEvent::sequence));
        return new Replay(sorted.subList(Math.max(0, sorted.size() - count), sorted.size()), false, headSequence, headId);
    }
}
