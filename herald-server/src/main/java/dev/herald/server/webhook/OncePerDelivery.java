package dev.herald.server.webhook;

import dev.herald.publish.Publication;
import dev.herald.publish.Publisher;
import dev.herald.vertx.JsonHttp;
import dev.herald.vertx.Publishing;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a webhook delivery's event once per delivery id, and answers the sender; shared by every webhook route.
 * <ol>
 *   <li>an id seen before ({@link Redeliveries}) answers {@code {"status":"ok","message":"duplicate delivery
 *       ignored"}} and publishes nothing; when that cannot be told, 503 and nothing is published;</li>
 *   <li>otherwise the event is published: {@code {"status":"ok"}} once the broker took it, 503 when it did not, and
 *       then the id is forgotten, so that the sender's redelivery is published.</li>
 * </ol>
 * Two deliveries of one id racing while the first one's publish fails can lose that event (the second was answered
 * "duplicate"); senders deliver one id at a time, so this is left as is.
 */
public final class OncePerDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OncePerDelivery.class);

    private final Publisher publisher;
    private final Redeliveries redeliveries;

    OncePerDelivery(Publisher publisher, Redeliveries redeliveries) {
        this.publisher = publisher;
        this.redeliveries = redeliveries;
    }

    /**
     * Publishes {@code publication} unless {@code webhook} had {@code delivery} before, and answers on {@code ctx}.
     *
     * @param delivery the delivery's id, or {@code null} when it has none (then it is always published)
     */
    void publish(RoutingContext ctx, String webhook, String delivery, Publication publication) {
        if (delivery == null) {
            publishNow(ctx, webhook, null, publication);
            return;
        }
        Context requestContext = ctx.vertx().getOrCreateContext();
        redeliveries.firstDelivery(webhook, delivery).whenComplete((first, error) -> requestContext.runOnContext(ignored -> {
            if (error != null) {
                LOG.warn("cannot tell whether delivery " + delivery + " to webhook "
                        + webhook + " is a redelivery, answered 503: " + error);
                JsonHttp.sendError(ctx, 503, "Cannot check for a redelivery right now; redeliver later");
            } else if (first) {
                publishNow(ctx, webhook, delivery, publication);
            } else {
                JsonHttp.send(ctx, 200, Map.of("status", "ok", "message", "duplicate delivery ignored"));
            }
        }));
    }

    private void publishNow(RoutingContext ctx, String webhook, String delivery, Publication publication) {
        CompletionStage<String> published = publisher.publish(publication);
        if (delivery != null) {
            published.whenComplete((id, error) -> {
                if (error != null) {
                    forget(webhook, delivery);
                }
            });
        }
        Publishing.reply(ctx, published, id -> Map.of("status", "ok"));
    }

    private void forget(String webhook, String delivery) {
        redeliveries.forget(webhook, delivery).whenComplete((done, error) -> {
            if (error != null) {
                LOG.warn("delivery " + delivery + " to webhook " + webhook + " was not "
                        + "published and cannot be forgotten (" + error + "); its redelivery will be taken for a duplicate");
            }
        });
    }
}
