package dev.herald.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.access.AccessRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request refused: its status, the message of its JSON body {@code {"status":"error","message":"..."}} and the
 * headers to send with it ({@code WWW-Authenticate} on a 401, {@code Retry-After} on a 429 or 503, {@code Allow} on a
 * 405). Every wording of a refusal the routes share is made here, once.
 *
 * @param status  the HTTP status, 4xx or 503
 * @param message one sentence for the person reading it
 * @param headers header names to values, in the order to send them
 */
public record Refused(int status, String message, Map<String, String> headers)
        implements StreamOutcome, PollOutcome, PublishOutcome, HistoryOutcome, PresenceOutcome {

    /** The media type of every JSON answer of the routes. */
    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Refused {
        headers = Map.copyOf(headers);
    }

    @Override
    public <R> R render(StreamOutcome.Renderer<R> renderer) {
        return renderer.refused(this);
    }

    @Override
    public <R> R render(PollOutcome.Renderer<R> renderer) {
        return renderer.refused(this);
    }

    @Override
    public <R> R render(HistoryOutcome.Renderer<R> renderer) {
        return renderer.refused(this);
    }

    @Override
    public <R> R render(PublishOutcome.Renderer<R> renderer) {
        return renderer.refused(this);
    }

    @Override
    public <R> R render(PresenceOutcome.Renderer<R> renderer) {
        return renderer.refused(this);
    }

    /** A refusal with no header of its own. */
    public static Refused of(int status, String message) {
        return new Refused(status, message, Map.of());
    }

    /** 429 with {@code Retry-After} in whole seconds, at least 1. */
    public static Refused tooManyRequests(long retryAfterSeconds, String message) {
        return new Refused(429, message, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /** 503 with {@code Retry-After} in whole seconds, at least 1. */
    public static Refused serviceUnavailable(long retryAfterSeconds, String message) {
        return new Refused(503, message, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /** A refusal of the access rules: 401 with its challenge, or 403. */
    public static Refused of(AccessRefusedException refused) {
        return refused.challenge() == null
                ? of(refused.status(), refused.getMessage())
                : new Refused(refused.status(), refused.getMessage(), Map.of("WWW-Authenticate", refused.challenge()));
    }

    /** 413 for a request body over {@code limitBytes}. */
    public static Refused bodyTooLarge(long limitBytes) {
        return of(413, "Request body is larger than the limit of " + limitBytes + " bytes");
    }

    /** 405 for {@code method} on a path that takes only {@code allowed}. */
    public static Refused methodNotAllowed(String method, String allowed) {
        return new Refused(405, "Method " + method + " is not allowed here; use " + allowed, Map.of("Allow", allowed));
    }

    /** The JSON body's fields: {@code status}, then {@code message}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        return body;
    }

    /** The JSON body, encoded in UTF-8. */
    public byte[] json() {
        return Json.bytes(body());
    }

    /** JSON out for the serving core's answers. */
    static final class Json {
        private Json() {
        }

        static byte[] bytes(Object value) {
            try {
                return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an answer that cannot be written as JSON: " + value, e);
            }
        }
    }
}
