package dev.herald.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.broker.ChannelNames;
import dev.herald.publish.Publication;

/**
 * The body of {@code POST .../publish}, {@code {"channel", "type", "data", "id"?, "retry"?}}, read into a
 * {@link Publication}: the one reading shared by every HTTP adapter. A string {@code data} is sent as it is, any other
 * JSON value as JSON text; {@code channel} defaults to {@value ChannelNames#DEFAULT}. The event's own rules (channel
 * name, line breaks in fields) are checked later, at the publisher's door.
 */
public final class PublishRequest {

    private PublishRequest() {
    }

    /**
     * Reads a body.
     *
     * @throws InvalidRequestException when it is not a JSON object, has no {@code data}, or a field has the wrong type
     */
    public static Publication read(byte[] body) {
        return read(JsonBody.readObject(body));
    }

    /** Reads a body already parsed. */
    public static Publication read(ObjectNode body) {
        JsonNode data = body.get("data");
        if (data == null) {
            throw new InvalidRequestException("data is required");
        }
        return new Publication(
                optionalText(body, "channel", ChannelNames.DEFAULT),
                optionalText(body, "type", null),
                data.isTextual() ? data.asText() : data,
                optionalText(body, "id", null),
                optionalRetry(body));
    }

    private static String optionalText(ObjectNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(field + " must be a string");
        }
        return value.asText();
    }

    private static Long optionalRetry(ObjectNode body) {
        JsonNode value = body.get("retry");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new InvalidRequestException("retry must be a non-negative whole number of milliseconds");
        }
        return value.asLong();
    }
}
