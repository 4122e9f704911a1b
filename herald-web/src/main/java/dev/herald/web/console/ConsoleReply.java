package dev.herald.web.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.access.AccessRefusedException;
import dev.herald.serve.Refused;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of the console's API, for an adapter to render as it is: the status, the headers ({@code Set-Cookie},
 * {@code WWW-Authenticate}), and a JSON body ({@link Refused#JSON_CONTENT_TYPE}) or none (a 204).
 *
 * @param status  the HTTP status
 * @param headers header names to values
 * @param json    the body, JSON in UTF-8, or null for none
 */
public record ConsoleReply(int status, Map<String, String> headers, byte[] json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ConsoleReply {
        headers = Map.copyOf(headers);
    }

    /** 200 with {@code body} as JSON. */
    static ConsoleReply ok(Object body) {
        return new ConsoleReply(200, Map.of(), bytes(body));
    }

    /** 204 with the headers given. */
    static ConsoleReply noContent(Map<String, String> headers) {
        return new ConsoleReply(204, headers, null);
    }

    /** A refusal: its status, headers and {@code {"status":"error","message":...}}. */
    static ConsoleReply of(Refused refused) {
        return new ConsoleReply(refused.status(), refused.headers(), refused.json());
    }

    /** A refusal of the access rules: 401 with its challenge, or 403. */
    static ConsoleReply of(AccessRefusedException refused) {
        return of(Refused.of(refused));
    }

    /** An error with no header of its own. */
    static ConsoleReply error(int status, String message) {
        return of(Refused.of(status, message));
    }

    static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a console answer that cannot be written as JSON: " + body, e);
        }
    }

    /** An ordered map, for a JSON object whose fields keep their order. */
    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }
}
