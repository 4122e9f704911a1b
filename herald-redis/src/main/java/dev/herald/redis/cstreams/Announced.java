package dev.herald.redis.cstreams;

import dev.herald.broker.StoredEvent;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.sse.SseEvent;

/**
 * An announcement on a partition's live channel, {@code "<stamp>/<before> <channel>\n<json>"} (see {@code publish.lua}),
 * and the one way an event becomes a {@link StoredEvent} here, live or read from a stream, so both agree.
 *
 * @param channel the Herald channel
 * @param stamp   its stamp ({@link Stamps})
 * @param before  the partition's newest stamp before it: a stamp known between the two was lost ({@link Losses})
 * @param json    the event in flask-sse's JSON, not yet checked
 */
record Announced(String channel, long stamp, long before, String json) {

    /** The announcement a live message carries, or {@code null} when the message is not of that form. */
    static Announced parse(String message) {
        int slash = message.indexOf('/');
        int space = message.indexOf(' ');
        int newline = message.indexOf('\n');
        if (slash <= 0 || space <= slash + 1 || newline <= space + 1) {
            return null;
        }
        try {
            return new Announced(message.substring(space + 1, newline), Long.parseLong(message.substring(0, slash)),
                    Long.parseLong(message.substring(slash + 1, space)), message.substring(newline + 1));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The sequence of the event ({@link Stamps#sequence}). */
    long sequence() {
        return Stamps.sequence(stamp, Partitions.of(channel));
    }

    /** The event decoded; throws {@link dev.herald.sse.InvalidEventException} when the JSON is not an event. */
    StoredEvent decoded() {
        return stored(channel, stamp, FlaskSseCodec.decode(json));
    }

    /** {@code event} at its place: the id is the publisher's own, or else its partition's position ({@link Cursor}). */
    static StoredEvent stored(String channel, long stamp, SseEvent event) {
        int partition = Partitions.of(channel);
        SseEvent withId = event.id() != null ? event : event.withId(Cursor.of(partition, stamp));
        return new StoredEvent(channel, Stamps.sequence(stamp, partition), withId);
    }
}
