package dev.herald.vertx;

import dev.herald.publish.Publication;
import dev.herald.publish.Publisher;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.PublishRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code POST .../publish} with {@code {"channel", "type", "data", "id"?, "retry"?}}: publishes one event and
 * answers {@code {"status":"success","id":"..."}}; the body is read by {@link PublishRequest}. Behind {@link TokenAccess#publisherGate()}: the publisher's grants must cover the channel.
 */
final class PublishHandler implements Handler<RoutingContext> {

    private final Publisher publisher;

    PublishHandler(Publisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Publication publication;
        try {
            publication = PublishRequest.read(JsonHttp.readObject(ctx));
        } catch (InvalidRequestException invalid) {
            throw new HttpProblem(400, invalid.getMessage());
        }
        TokenAccess.authorizePublish(ctx, publication.channel());
        Publishing.reply(ctx, publisher.publish(publication), id -> Map.of("status", "success", "id", id));
    }
}
