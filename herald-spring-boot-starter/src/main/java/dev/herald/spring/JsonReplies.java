package dev.herald.spring;

import dev.herald.serve.PublishOutcome;
import dev.herald.serve.Refused;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/** The serving core's JSON answers as Spring renders them: the same bytes and headers as the Vert.x routes'. */
final class JsonReplies {

    private JsonReplies() {
    }

    /** A refusal as a reply: its status, its headers and {@code {"status":"error","message":...}}. */
    static ResponseEntity<byte[]> entity(Refused refused) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(refused.status());
        refused.headers().forEach((name, value) -> reply.header(name, value));
        return reply.header("Content-Type", Refused.JSON_CONTENT_TYPE).body(refused.json());
    }

    /** 200 with a JSON body. */
    static ResponseEntity<byte[]> ok(byte[] json) {
        return json(200, json);
    }

    /** 200 with a JSON body, the answer of a repeated idempotency key: it says so in a header. */
    static ResponseEntity<byte[]> replayed(byte[] json) {
        return ResponseEntity.status(200).header(PublishOutcome.Published.REPLAYED_HEADER, "true")
                .header("Content-Type", Refused.JSON_CONTENT_TYPE).body(json);
    }

    /** A status with a JSON body. */
    static ResponseEntity<byte[]> json(int status, byte[] json) {
        return ResponseEntity.status(status).header("Content-Type", Refused.JSON_CONTENT_TYPE).body(json);
    }

    /** A JSON body with a status and headers of its own. */
    static ResponseEntity<byte[]> json(int status, Map<String, String> headers, byte[] json) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(status);
        headers.forEach((name, value) -> reply.header(name, value));
        return reply.header("Content-Type", Refused.JSON_CONTENT_TYPE).body(json);
    }

    /** A refusal written straight to the response, for a handler that answers without Spring's message converters. */
    static void write(HttpServletResponse response, Refused refused) throws IOException {
        response.setStatus(refused.status());
        refused.headers().forEach(response::setHeader);
        response.setContentType(Refused.JSON_CONTENT_TYPE);
        byte[] body = refused.json();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
