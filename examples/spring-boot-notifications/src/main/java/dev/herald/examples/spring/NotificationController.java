package dev.herald.examples.spring;

import dev.herald.spring.HeraldPublisher;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class NotificationController {

    /** The seed's answer: {"status": ..., "message": ...}, in that order. */
    public record Reply(String status, String message) {
    }

    private final HeraldPublisher sse; // the starter's bean: flask-sse's `sse`

    public NotificationController(HeraldPublisher sse) {
        this.sse = sse;
    }

    @PostMapping("/send_notification")
    public CompletionStage<ResponseEntity<Reply>> send(@RequestBody(required = false) Map<String, Object> body) {
        Object message = body == null ? null : body.get("message");
        if (!(message instanceof String text) || text.isBlank()) {
            return CompletableFuture.completedFuture(ResponseEntity.badRequest().body(new Reply("error", "No message provided")));
        }
        return sse.publish(Map.of("message", text), "notify") // sse.publish({"message": message}, type="notify")
                .thenApply(id -> ResponseEntity.ok(new Reply("success", "Notification sent")));
    }
}
