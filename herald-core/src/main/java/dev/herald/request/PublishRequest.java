package dev.herald.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.broker.ChannelNames;
import dev.herald.publish.Publication;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST .../publish}, {@code {"channel" | "channels", "type", "data", "id"?, "retry"?,
 * "idempotencyKey"?}}, read into a {@link Publication}: the one reading shared by every HTTP adapter. A string
 * {@code data} is sent as it is, any other JSON value as JSON text; {@code channel} defaults to
 * {@value ChannelNames#DEFAULT}; {@code channels}, an array of strings, publishes one event on each (not with
 * {@code channel}). The event's own rules (channel names, line breaks in fields, the key's form) are checked later, at
 * the publisher's door.
 */
public final class PublishRequest {

    private PublishRequest() {
    }

    /**
     * Reads a body.
     *
     * @throws InvalidRequestException when it is not a JSON object, has no {@code data}, has both {@code channel} and
     *                                 {@code channels}, or a field has the wrong type
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
        List<String> channels = optionalChannels(body);
        if (channels != null && body.hasNonNull("channel")) {
            throw new InvalidRequestException("give channel or channels, not both");
        }
        return new Publication(
                channels != null ? null : optionalText(body, "channel", ChannelNames.DEFAULT),
                optionalText(body, "type", null),
                data.isTextual() ? data.asText() : data,
                optionalText(body, "id", null),
                optionalRetry(body),
                channels,
                IdempotencyKey.field(body));
    }

    /** {@code channels} as written, or null; how many and which are the door's to judge. */
    private static List<String> optionalChannels(ObjectNode body) {
        JsonNode value = body.get("channels");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidRequestException("channels must be an array of channel names");
        }
        List<String> channels = new ArrayList<>(value.size());
        for (int index = 0; index < value.size(); index++) {
            if (!value.get(index).isTextual()) {
                throw new InvalidRequestException("channels[" + index + "] must be a string");
            }
            channels.add(value.get(index).asText());
        }
        return channels;
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
