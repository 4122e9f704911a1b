package dev.herald.broker;

import java.util.Map;

/**
 * How a broker's order splits into lanes, and which id a stream carries as it crosses them. A broker with one order
 * ({@link #ONE}: the memory broker, Redis Pub/Sub, Streams on one Redis) has one lane and sends every stream each
 * event's own id. A broker whose history is partitioned (Streams on Redis Cluster) has a lane per partition: events
 * of one lane reach a node in {@link StoredEvent#sequence() sequence} order, events of different lanes in any order;
 * so the hub skips a live event already sent by comparing it with the last one of its lane only, and a stream whose
 * channels span lanes carries a cursor naming its position in each (its own id line) instead of an event's id.
 *
 * <p>Pure functions of their arguments, safe from any thread.
 */
public interface Lanes {

    /** One order, one lane: each event's own id resumes every stream. */
    Lanes ONE = new Lanes() {
        @Override
        public int lane(StoredEvent event) {
            return 0;
        }

        @Override
        public String advance(String sent, StoredEvent event) {
            return event.event().id();
        }

        @Override
        public String caughtUp(String sent, Replay replay) {
            return sent != null ? sent : replay.headId();
        }

        @Override
        public Map<Integer, Long> heads(Replay replay) {
            return Map.of(0, replay.headSequence());
        }
    };

    /** The lane of an event, from 0. */
    int lane(StoredEvent event);

    /**
     * The id a stream sends with {@code event}: the event's own id (then the hub sends the frame it encoded once for
     * every stream; return that very string), or a cursor made of {@code sent} moved past the event.
     *
     * @param sent the id the stream last carried (its client's {@code Last-Event-ID} at first), or {@code null}
     */
    String advance(String sent, StoredEvent event);

    /**
     * The id that resumes a stream which has been sent everything up to {@code replay}'s head, or {@code sent} when it
     * already does; the hub sends it alone ({@code id:} only) when it differs from {@code sent}.
     *
     * @param sent the id the stream last carried, or {@code null} when none resumes it (a new client, history gone)
     */
    String caughtUp(String sent, Replay replay);

    /** The head of each lane the replay covers: live events of a lane at or below its head were in the replay. */
    Map<Integer, Long> heads(Replay replay);

    /** The lane of a gap: a partitioned broker tells a gap per partition; by default the one lane. */
    default int lane(Gap gap) {
        return 0;
    }

    /**
     * The id a stream sends after the notice of {@code gap}: by default the gap's own {@link Gap#resumeId()}; across
     * lanes, {@code sent} moved to the gap in its lane, so that the other lanes stay where the stream was.
     *
     * @param sent the id the stream last carried, or {@code null}
     */
    default String afterGap(String sent, Gap gap) {
        return gap.resumeId();
    }
}
