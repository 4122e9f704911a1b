package dev.herald.broker;

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
}
