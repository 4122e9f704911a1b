package dev.herald.redis.streams;

import dev.herald.broker.HeraldId;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;

/**
 * An event at its place in the Streams broker's order, as announced live or read from a stream. Live, it is the
 * message {@code "<epoch> <sequence> <json>"} that {@code publish.lua} sends on {@code herald:live:<channel>}.
 *
 * @param channel  the Herald channel
 * @param epoch    the epoch of its data set, in ms
 * @param sequence its place in that data set's one sequence across all channels
 * @param json     the event in flask-sse's JSON ({@link FlaskSseCodec}), not yet checked
 */
record Announcement(String channel, long epoch, long sequence, String json) {

    /** The announcement a live message carries, or {@code null} when the message is not of that form. */
    static Announcement parse(String channel, String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length < 3) {
            return null;
        }
        try {
            return new Announcement(channel, Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Its place as one comparable long ({@link StreamOrder}). */
    long order() {
        return StreamOrder.pack(epoch, sequence);
    }

    /** The event decoded from {@link #json}, with its place and id. */
    StoredEvent decoded() throws InvalidEventException {
        return stored(FlaskSseCodec.decode(json));
    }

    /** {@code event} at this place: the id is the publisher's own, or else {@code <epoch>-<sequence>}. */
    StoredEvent stored(SseEvent event) {
        SseEvent withId = event.id() != null ? event : event.withId(new HeraldId(epoch, sequence).toString());
        return new StoredEvent(channel, order(), withId);
    }
}
