package dev.herald.redis.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.herald.broker.HeraldId;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An event at its place in the Streams broker's order, as announced live or read from a stream. Live, it is the
 * message {@code "<epoch> <sequence> <json>"} that {@code publish.lua} sends on {@code herald:live:<channel>}; for an
 * event on several channels, {@code "<epoch> <sequence> <channels><json>"} that {@code publish-many.lua} sends on each
 * channel's, {@code <channels>} a JSON array of the channel names.
 *
 * @param channel  the Herald channel it arrived on
 * @param epoch    the epoch of its data set, in ms
 * @param sequence its place in that data set's one sequence across all channels
 * @param json     the event in flask-sse's JSON ({@link FlaskSseCodec}), not yet checked
 * @param channels every channel the event was published on, {@code channel} among them
 */
record Announcement(String channel, long epoch, long sequence, String json, List<String> channels) {

    private static final JsonFactory JSON = new JsonFactory();

    /** An event on one channel. */
    Announcement(String channel, long epoch, long sequence, String json) {
        this(channel, epoch, sequence, json, List.of(channel));
    }

    /** The announcement a live message carries, or {@code null} when the message is not of that form. */
    static Announcement parse(String channel, String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length < 3) {
            return null;
        }
        try {
            long epoch = Long.parseLong(parts[0]);
            long sequence = Long.parseLong(parts[1]);
            if (!parts[2].startsWith("[")) {
                return new Announcement(channel, epoch, sequence, parts[2]);
            }
            List<String> channels = new ArrayList<>();
            try (JsonParser parser = JSON.createParser(parts[2])) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    channels.add(parser.getText());
                }
                if (parser.currentToken() != JsonToken.END_ARRAY || !channels.contains(channel)) {
                    return null;
                }
                int end = (int) parser.currentLocation().getCharOffset();
                return new Announcement(channel, epoch, sequence, parts[2].substring(end), List.copyOf(channels));
            }
        } catch (NumberFormatException | IOException notOfTheForm) {
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

    /** The event at this place on each of its {@link #channels}, in their order. */
    List<StoredEvent> decodedOnEach() throws InvalidEventException {
        StoredEvent stored = decoded();
        if (channels.size() == 1) {
            return List.of(stored);
        }
        return channels.stream().map(name -> new StoredEvent(name, stored.sequence(), stored.event())).toList();
    }

    /** {@code event} at this place: the id is the publisher's own, or else {@code <epoch>-<sequence>}. */
    StoredEvent stored(SseEvent event) {
        SseEvent withId = event.id() != null ? event : event.withId(new HeraldId(epoch, sequence).toString());
        return new StoredEvent(channel, order(), withId);
    }
}
