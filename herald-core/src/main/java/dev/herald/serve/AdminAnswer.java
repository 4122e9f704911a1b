package dev.herald.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An answer of {@link AdminService}, for an adapter to render as it is: the status, the headers
 * ({@code WWW-Authenticate}, {@code Allow}) and a JSON body ({@link Refused#JSON_CONTENT_TYPE}).
 *
 * @param status  the HTTP status
 * @param headers header names to values
 * @param json    the body, JSON in UTF-8
 */
public record AdminAnswer(int status, Map<String, String> headers, byte[] json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public AdminAnswer {
        headers = Map.copyOf(headers);
    }

    /** 200 with {@code body} as JSON. */
    static AdminAnswer ok(Map<String, Object> body) {
        try {
            return new AdminAnswer(200, Map.of(), JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an admin answer that cannot be written as JSON: " + body, e);
        }
    }

    /** A refusal: its status, headers and {@code {"status":"error","message":...}}. */
    static AdminAnswer of(Refused refused) {
        return new AdminAnswer(refused.status(), refused.headers(), refused.json());
    }
}
