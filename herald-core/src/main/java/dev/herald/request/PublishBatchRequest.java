package dev.herald.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.publish.Publication;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST .../publish/batch}: a JSON array of 1 to {@value #MAX_ITEMS} objects, each one the body of
 * {@code POST .../publish} ({@link PublishRequest}), its {@code idempotencyKey} included. A refusal names the item by
 * its index, {@code [i].field}.
 */
public final class PublishBatchRequest {

    /** The most items one batch may hold. */
    public static final int MAX_ITEMS = 100;

    private PublishBatchRequest() {
    }

    /**
     * Reads a body into its publications, in order.
     *
     * @throws InvalidRequestException when it is not a JSON array of 1 to {@value #MAX_ITEMS} objects, or an item is
     *                                 not a valid publish body (the message starts with {@code [i].})
     */
    public static List<Publication> read(byte[] body) {
        ArrayNode items = JsonBody.readArray(body);
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidRequestException("a batch holds 1 to " + MAX_ITEMS + " items, got " + items.size());
        }
        List<Publication> publications = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            JsonNode item = items.get(index);
            if (!item.isObject()) {
                throw new InvalidRequestException("[" + index + "] must be a JSON object");
            }
            try {
                publications.add(PublishRequest.read((ObjectNode) item));
            } catch (InvalidRequestException invalid) {
                throw new InvalidRequestException("[" + index + "]." + invalid.getMessage());
            }
        }
        return publications;
    }
}
