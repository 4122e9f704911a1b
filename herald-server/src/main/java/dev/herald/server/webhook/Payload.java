package dev.herald.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads fields of a webhook payload by path ({@code text("issue", "title")}) without ever failing: a field that is
 * missing, null, blank or of another JSON type than asked reads as absent, so that the caller picks a readable default.
 * A step that is a whole number reads an array's element by index ({@code "commits", "0", "message"}).
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

    /**
     * Any value as text, for a template: a string as it is, a number or boolean as JSON writes it, an object or array
     * as its JSON text; empty for a missing or null field.
     */
    String asText(String... path) {
        JsonNode node = at(path);
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private JsonNode at(String... path) {
        JsonNode node = root;
        for (String step : path) {
            node = node.isArray() && isIndex(step) ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }

    /** A whole number an array can be indexed by: digits only, at most 9 of them (so it fits an int). */
    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.length() <= 9 && step.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
