package dev.herald.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.broker.ChannelNames;
import dev.herald.vertx.Herald;
import dev.herald.vertx.HttpProblem;
import dev.herald.vertx.JsonHttp;
import dev.herald.vertx.Publishing;
import dev.herald.vertx.TokenAccess;
import io.vertx.ext.web.Router;
import java.util.Map;

/**
 * The seed's endpoint, {@code POST /send_notification} with {@code {"message": "..."}}: publishes a
 * {@code notify} event with data {@code {"message": "..."}} on the default channel and answers
 * {@code {"status":"success","message":"Notification sent"}}; no message, an empty or a blank one answers
 * 400 {@code {"status":"error","message":"No message provided"}}. With tokens on, the publisher's token must grant
 * publishing on that channel. It shares the CORS policy and the publish-rate limit of Herald's {@code POST /publish}.
 */
final class NotificationRoutes {

    static final String EVENT_TYPE = "notify";

    private NotificationRoutes() {
    }

    static void mount(Router router, Herald herald, long bodyLimitBytes) {
        TokenAccess access = herald.access();
        router.route("/send_notification").handler(herald.cors());
        router.post("/send_notification").handler(herald.publishRateLimit());
        router.post("/send_notification")
                .handler(JsonHttp.bodyHandler(bodyLimitBytes))
                .handler(access.publisherGate())
                .handler(ctx -> {
                    String message = messageOf(JsonHttp.readObject(ctx));
                    TokenAccess.authorizePublish(ctx, ChannelNames.DEFAULT);
                    Publishing.reply(ctx, herald.publisher().publish(Map.of("message", message), EVENT_TYPE),
                            id -> Map.of("status", "success", "message", "Notification sent"));
                })
                .failureHandler(JsonHttp.failureHandler(bodyLimitBytes));
        router.route("/send_notification").handler(JsonHttp.methodNotAllowed("POST"));
    }

    private static String messageOf(ObjectNode body) {
        JsonNode message = body.get("message");
        if (message == null || message.isNull()) {
            throw new HttpProblem(400, "No message provided");
        }
        if (!message.isTextual()) {
            throw new HttpProblem(400, "message must be a string");
        }
        if (message.asText().isBlank()) {
            throw new HttpProblem(400, "No message provided");
        }
        return message.asText();
    }
}
