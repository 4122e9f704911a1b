package dev.herald.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code {"status":"error","message":...}}, the error body of every Herald endpoint. */
final class JsonReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReplies() {
    }

    static Map<String, Object> errorBody(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        return body;
    }

    static ResponseEntity<Map<String, Object>> error(int status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(errorBody(message));
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    static ResponseEntity<Map<String, Object>> tooManyRequests(long retryAfterSeconds, String message) {
        return ResponseEntity.status(429).header("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)))
                .contentType(MediaType.APPLICATION_JSON).body(errorBody(message));
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1), written straight to the response. */
    static void tooManyRequests(HttpServletResponse response, long retryAfterSeconds, String message) throws IOException {
        response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        write(response, 429, message);
    }

    /** Written straight to the response, for a handler that answers without Spring's message converters. */
    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(errorBody(message)));
    }
}
