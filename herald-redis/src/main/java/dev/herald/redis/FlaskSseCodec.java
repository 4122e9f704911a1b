package dev.herald.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.io.IOException;

/**
 * flask-sse's message on a Redis channel: a JSON object {@code {"data": ..., "type"?, "id"?, "retry"?}}, as
 * {@code sse.publish(data, type, id, retry, channel)} writes it ({@code Message.to_dict()}).
 *
 * <p>flask-sse streams a string {@code data} as it is and anything else as JSON, and so does this codec:
 * a string becomes the event's text; any other value becomes its JSON text exactly as the publisher wrote
 * it (the characters of the message, not a re-serialisation), so a Python publisher's formatting reaches the
 * browser unchanged. Herald's own events are written with their data as a JSON string.
 */
public final class FlaskSseCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private FlaskSseCodec() {
    }

    /** The message flask-sse would write for this event. */
    public static String encode(SseEvent event) {
        ObjectNode message = JSON.createObjectNode();
        message.put("data", event.data());
        if (event.type() != null) {
            message.put("type", event.type());
        }
        if (event.id() != null && !event.id().isEmpty()) {
            message.put("id", event.id());
        }
        if (event.retryMillis() != null) {
            message.put("retry", event.retryMillis());
        }
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that cannot be written as JSON", e);
        }
    }

    /**
     * The event a flask-sse message stands for.
     *
     * @throws InvalidEventException when the message is not such an object, or its fields are not valid
     */
    public static SseEvent decode(String message) {
        String data = null;
        String type = null;
        String id = null;
        Long retry = null;
        try (JsonParser parser = FACTORY.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEventException("not a flask-sse message (a JSON object): " + preview(message));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "data" -> data = dataOf(parser, value, message);
                    case "type" -> type = scalarText(parser, value, "type");
                    case "id" -> id = scalarText(parser, value, "id");
                    case "retry" -> retry = retryOf(parser, value);
                    default -> throw new InvalidEventException("a flask-sse message has no field \"" + field
                            + "\" (flask-sse itself would fail on it): " + preview(message));
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidEventException("text after the message object: " + preview(message));
            }
        } catch (IOException e) {
            throw new InvalidEventException("not valid JSON: " + preview(message));
        }
        if (data == null) {
            throw new InvalidEventException("a flask-sse message needs \"data\": " + preview(message));
        }
        return new SseEvent(id, type, data, retry);
    }

    private static String dataOf(JsonParser parser, JsonToken value, String message) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        return message.substring(start, end);
    }

    /** flask-sse writes type and id with str.format, so numbers are allowed and printed as they are. */
    private static String scalarText(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            String text = parser.getText();
            return text.isEmpty() ? null : text;
        }
        throw new InvalidEventException(field + " must be a string or a whole number");
    }

    private static Long retryOf(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0) {
            throw new InvalidEventException("retry must be a non-negative whole number of milliseconds");
        }
        long retry = parser.getLongValue();
        return retry == 0 ? null : retry; // flask-sse leaves a falsy retry out of the stream
    }

    private static String preview(String message) {
        return message.length() > 120 ? message.substring(0, 120) + "..." : message;
    }
}
