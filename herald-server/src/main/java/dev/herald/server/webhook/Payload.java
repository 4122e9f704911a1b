package dev.herald.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads fields of a webhook payload by path ({@code text("issue", "title")}) without ever failing: a field that is
 * missing, null, blank or of another JSON type than asked reads as absent, so that the caller picks a readable default.
 */
final class Payload {

    private final JsonNode root;

    Payload(JsonNode root) {
        this.root = root;
    }

    /** A string field that is present and not blank. */
    Optional<String> text(String... path) {
        JsonNode node = at(path);
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A whole-number field. */
    OptionalLong number(String... path) {
        JsonNode node = at(path);
        return node.isIntegralNumber() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }

    /** Whether a field is the JSON value {@code true}. */
    boolean isTrue(String... path) {
        JsonNode node = at(path);
        return node.isBoolean() && node.booleanValue();
    }

    /** Whether a field is present with a value other than null. */
    boolean has(String... path) {
        JsonNode node = at(path);
        return !node.isMissingNode() && !node.isNull();
    }

    /** The number of elements of an array field; 0 when it is missing or not an array. */
    int count(String... path) {
        JsonNode node = at(path);
        return node.isArray() ? node.size() : 0;
    }

    private JsonNode at(String... path) {
        JsonNode node = root;
        for (String name : path) {
            node = node.path(name);
        }
        return node;
    }
}
