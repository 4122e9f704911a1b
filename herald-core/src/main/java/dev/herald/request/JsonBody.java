package dev.herald.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/** A request body read as one JSON object (or, for a batch, one array), by the same rules and with the same words in every HTTP adapter. */
public final class JsonBody {

    /**
     * Strict: text after the JSON value ({@code {"data":"x"} trailing}) is malformed JSON, not ignored. Numbers are kept
     * as written: a fraction or an exponent is read as a decimal, not a {@code double}, so that {@code 1e999999} is
     * passed on as {@code 1E+999999} rather than as {@code "Infinity"}, and {@code 1.50} as {@code 1.50}.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonBody() {
    }

    /**
     * Bytes read as a JSON object, whatever the content type said.
     *
     * @throws InvalidRequestException when they are empty or not a JSON object
     */
    public static ObjectNode readObject(byte[] raw) {
        JsonNode body = readTree(raw, "a JSON object");
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("Request body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    /**
     * Reads a body that must be a JSON array.
     *
     * @throws InvalidRequestException when it is empty, not JSON, or not an array
     */
    public static ArrayNode readArray(byte[] raw) {
        JsonNode body = readTree(raw, "a JSON array");
        if (body == null || !body.isArray()) {
            throw new InvalidRequestException("Request body must be a JSON array");
        }
        return (ArrayNode) body;
    }

    private static JsonNode readTree(byte[] raw, String expected) {
        if (raw.length == 0) {
            throw new InvalidRequestException("Request body is empty; send " + expected);
        }
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("Request body could not be read as JSON");
        }
        return body;
    }

    /** Whether a Content-Type header names JSON: {@code application/json} or any {@code application/*+json}, with any parameters. */
    public static boolean isJson(String contentType) {
        String mediaType = mediaTypeOf(contentType);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** The media type of a Content-Type header, lower case and without parameters; empty for none. */
    public static String mediaTypeOf(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The refusal of a body that is not JSON (answered 415). */
    public static String notJsonMessage(String contentType) {
        return "Content-Type must be application/json, got " + (contentType == null ? "none" : contentType);
    }
}
