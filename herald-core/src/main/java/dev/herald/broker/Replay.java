package dev.herald.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a reconnecting (or new) subscriber must be sent before live events.
 *
 * @param events        the events after the client's last event id on its channels, oldest first, each once (a
 *                      repeat of a sequence, an event published on several of the channels, is dropped)
 * @param historyGone   {@code true} when the broker no longer holds everything after that id (it was
 *                      trimmed, expired, or never known here); {@code events} is then all that history still holds
 * @param headSequence  the broker's latest sequence when the replay was read: every later event reaches
 *                      the subscriber live
 * @param headId        an id that stands for {@code headSequence}, to hand a new client as its resume point
 */
public record Replay(List<StoredEvent> events, boolean historyGone, long headSequence, String headId) {

    public Replay {
        events = List.copyOf(distinct(events));
    }

    /**
     * The events without the repeats of one sequence (an event {@link Broker#broadcast published on several channels}
     * is in each channel's history): given oldest first, the first of equal sequences is kept.
     */
    private static List<StoredEvent> distinct(List<StoredEvent> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).sequence() == sorted.get(i - 1).sequence()) {
                List<StoredEvent> kept = new ArrayList<>(sorted.size());
                for (StoredEvent event : sorted) {
                    if (kept.isEmpty() || kept.get(kept.size() - 1).sequence() != event.sequence()) {
                        kept.add(event);
                    }
                }
                return kept;
            }
        }
        return sorted;
    }

    /**
     * The answer of {@link Broker#latest}: the newest {@code count} of events gathered from several channels, oldest
     * first. Each channel must have given its own newest {@code count} (or all it holds), so that the newest
     * {@code count} of all of them are among those gathered.
     */
    public static Replay latest(List<StoredEvent> gathered, int count, long headSequence, String headId) {
        List<StoredEvent> sorted = new ArrayList<>(gathered);
        sorted.sort(Comparator.comparingLong(StoredEvent::sequence));
        sorted = distinct(sorted);
        return new Replay(sorted.subList(Math.max(0, sorted.size() - count), sorted.size()), false, headSequence, headId);
    }
}
