package dev.herald.vertx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.broker.ChannelNames;
import dev.herald.publish.Publication;
import dev.herald.publish.Publisher;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code POST .../publish} with {@code {"channel", "type", "data", "id"?, "retry"?}}: publishes one event and
 * answers {@code {"status":"success","id":"..."}}. A string {@code data} is sent as it is, any other JSON
 * value as JSON text. Behind {@link TokenAccess#publisherGate()}: the publisher's grants must cover the channel.
 */
final class PublishHandler implements Handler<RoutingContext> {

    private final Publisher publisher;

    PublishHandler(Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ObjectNode body = JsonHttp.readObject(ctx);
        JsonNode data = body.get("data");
        if (data == null) {
            throw new HttpProblem(400, "data is required");
        }
        Publication publication = new Publication(
                optionalText(body, "channel", ChannelNames.DEFAULT),
                optionalText(body, "type", null),
                data.isTextual() ? data.asText() : data,
                optionalText(body, "id", null),
                optionalRetry(body));
        TokenAccess.authorizePublish(ctx, publication.channel());
        Publishing.reply(ctx, publisher.publish(publication), id -> Map.of("status", "success", "id", id));
    }

    private static String optionalText(ObjectNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new HttpProblem(400, field + " must be a string");
        }
        return value.asText();
    }

    private static Long optionalRetry(ObjectNode body) {
        JsonNode value = body.get("retry");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new HttpProblem(400, "retry must be a non-negative whole number of milliseconds");
        }
        return value.asLong();
    }
}
