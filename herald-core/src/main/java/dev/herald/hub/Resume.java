package dev.herald.hub;

import dev.herald.broker.Lanes;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.sse.SseEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a stream starts, as a pure step: from the client's cursor or rewind and what the broker read, the frames that
 * open the stream and the position its live events start after. No threads, no clock, no broker call: the hub does
 * the reading, in the order {@link dev.herald.broker.Broker}'s contract needs (subscribe, then replay), and hands
 * the answers here.
 *
 * <p>The reads: {@link #firstRead()} before the stream opens (nothing for a client with a cursor; the head for a new
 * client, so an event published once it saw its stream open reaches it; the newest events with the head for a
 * rewind), then, once the channels are joined, the replay after {@link #replayAfter}. Every event is in that replay
 * or arrives live after the join; live events at or before {@link Opening#startAfter()} were already sent.
 *
 * @param channels the stream's channels, named by a {@code history-gone} notice
 * @param cursor   the client's {@code Last-Event-ID}, or {@code null}
 * @param rewind   how many of the newest events a client without a cursor asks for, 0 for none
 * @param lanes    the broker's lanes: which id each frame carries, where each lane's live events start
 */
record Resume(Set<String> channels, String cursor, int rewind, Lanes lanes) {

    /** A resume over a broker of one order. */
    Resume(Set<String> channels, String cursor, int rewind) {
        this(channels, cursor, rewind, Lanes.ONE);
    }

    /** What the hub reads before the stream opens. */
    enum FirstRead {
        /** Nothing: the client's cursor is its resume point. */
        NOTHING,
        /** The head ({@code Broker.replay(channels, null)}): a new client's resume point. */
        HEAD,
        /** The newest {@link #rewind()} events with the head ({@code Broker.latest}). */
        NEWEST
    }

    /**
     * The frames that open a stream, in order, and where its live events start.
     *
     * @param events      event frames, each counted as delivered: the {@code history-gone} notice first when history
     *                    cannot fill the gap, then the events the client missed, oldest first
     * @param resumePoint a frame holding only {@code id: <head>}, after the events, for a client whose last event id
     *                    would otherwise be unset or wrong; {@code null} when the events (or its cursor) set it
     * @param startAfter  the sequence live events must be above to be sent (the largest of {@code laneStarts})
     * @param resumed     the client came back with a cursor and was served the history after it
     * @param historyGone the broker no longer held everything after the resume point
     * @param laneStarts  per lane, the sequence its live events must be above: no gap, no duplicate; a lane not
     *                    named starts from nothing
     * @param sent        the id the stream carries once opened, which the next event's id moves on from
     * @param lanes       the broker's lanes
     */
    record Opening(List<byte[]> events, byte[] resumePoint, long startAfter, boolean resumed, boolean historyGone,
            Map<Integer, Long> laneStarts, String sent, Lanes lanes) {

        Opening {
            events = List.copyOf(events);
            laneStarts = Map.copyOf(laneStarts);
        }

        /** The opening of a stream over a broker of one order. */
        Opening(List<byte[]> events, byte[] resumePoint, long startAfter, boolean resumed, boolean historyGone) {
            this(events, resumePoint, startAfter, resumed, historyGone, Map.of(0, startAfter), null, Lanes.ONE);
        }
    }

    /** A cursor wins over a rewind. */
    FirstRead firstRead() {
        if (cursor != null) {
            return FirstRead.NOTHING;
        }
        return rewind > 0 ? FirstRead.NEWEST : FirstRead.HEAD;
    }

    /** The id to replay after once the channels are joined: the cursor, or the head the first read saw. */
    String replayAfter(Replay first) {
        return cursor != null ? cursor : first.headId();
    }

    /**
     * The opening of the stream.
     *
     * @param first  what {@link #firstRead()} returned; {@code null} when it read nothing
     * @param replay what the broker's replay after {@link #replayAfter} returned
     */
    Opening opening(Replay first, Replay replay) {
        List<StoredEvent> missed = first == null || first.events().isEmpty() ? replay.events() : concat(first, replay);
        List<byte[]> frames = new ArrayList<>(missed.size() + 1);
        if (replay.historyGone()) {
            frames.add(HistoryGone.frame(cursor, channels));
        }
        Map<Integer, Long> starts = new HashMap<>(lanes.heads(replay));
        // The client's cursor no longer places it when history is gone: the ids sent from here on start afresh.
        String sent = replay.historyGone() ? null : cursor;
        for (StoredEvent event : missed) {
            String id = lanes.advance(sent, event);
            // The event's own id: the frame every stream shares; a cursor across lanes: this stream's own id line.
            frames.add(SseEncoder.encode(id.equals(event.event().id()) ? event.event() : event.event().withId(id)));
            sent = id;
            starts.merge(lanes.lane(event), event.sequence(), Math::max);
        }
        long startAfter = starts.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        // A new client, or one whose cursor history no longer places, learns the head unless an event tells it an id;
        // across lanes, a client whose last event left some lane behind learns the cursor of the head too.
        String caughtUp = lanes.caughtUp(sent, replay);
        byte[] resumePoint = caughtUp.equals(sent) ? null : SseEncoder.lastEventId(caughtUp);
        return new Opening(frames, resumePoint, startAfter, cursor != null, replay.historyGone(), starts, caughtUp,
                lanes);
    }

    /** A rewind's newest events, then what the replay from their head read: one run, in order. */
    private static List<StoredEvent> concat(Replay first, Replay replay) {
        List<StoredEvent> events = new ArrayList<>(first.events());
        events.addAll(replay.events());
        return events;
    }
}
