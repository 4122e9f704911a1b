package dev.herald.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.publish.Publication;
import dev.herald.publish.Publisher;
import dev.herald.vertx.HttpProblem;
import dev.herald.vertx.JsonHttp;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /webhook/<name>}: a delivery from any service that signs as the Standard Webhooks specification says
 * becomes one event of the webhook's type (default {@code notify}) on its channel, with data
 * {@code {"message": "<the webhook's message, written from the body>", "webhook": "<name>", "event": "<the body's
 * type>"}} ({@code event} only when the body has a string {@code type}), which the seed's page shows as it shows
 * {@code /send_notification}'s.
 *
 * <p>A delivery passes, in this order:
 * <ol>
 *   <li>a webhook of that name ({@link StandardWebhooks}) → else 404 (after the body was read, within its limit:
 *       Vert.x reads the body before any handler of the route);</li>
 *   <li>{@code webhook-id}, {@code webhook-timestamp} within 5 minutes of this server's clock, and a matching
 *       {@code v1} signature in {@code webhook-signature} ({@link StandardSignature}) → else 401;</li>
 *   <li>{@code webhook-id} at most {@value Redeliveries#MAX_ID_LENGTH} characters → else 400;</li>
 *   <li>the body: {@code application/json} → else 415; a JSON object → else 400; over the body limit → 413;</li>
 *   <li>published once per {@code webhook-id} ({@link OncePerDelivery}): {@code {"status":"ok"}} once the broker took
 *       it, 503 when it did not; a redelivery answers {@code {"status":"ok","message":"duplicate delivery ignored"}}.</li>
 * </ol>
 * Every refusal is {@code {"status":"error","message":"..."}}; none repeats the secret or the expected signature.
 */
public final class StandardWebhookRoute {

    /** Where the deliveries go; {@code :name} is a webhook's name. GitHub's own route, mounted first, takes its path. */
    public static final String PATH = "/webhook/:name";
    static final String BODY_TYPE_FIELD = "type";

    private final StandardWebhooks webhooks;
    private final Map<String, StandardSignature> signatures;
    private final OncePerDelivery once;
    private final Clock clock;

    /**
     * @param redeliveries the ids seen, this node's or every node's
     * @param clock        what the deliveries' timestamps are compared with
     */
    public StandardWebhookRoute(Publisher publisher, StandardWebhooks webhooks, Redeliveries redeliveries, Clock clock) {
        this.webhooks = webhooks;
        Map<String, StandardSignature> byName = new LinkedHashMap<>();
        webhooks.byName().forEach((name, webhook) -> byName.put(name, new StandardSignature(webhook.secret())));
        this.signatures = Map.copyOf(byName);
        this.once = new OncePerDelivery(publisher, redeliveries);
        this.clock = clock;
    }

    /** Mounts {@link #PATH} on {@code router}; a body over {@code bodyLimitBytes} is refused with 413. */
    public void mount(Router router, long bodyLimitBytes) {
        JsonHttp.mountPost(router, PATH, bodyLimitBytes, this::handle);
    }

    private void handle(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        StandardWebhookOptions webhook = webhooks.find(name).orElseThrow(() -> new HttpProblem(404, "No webhook is named "
                + (name.length() > 64 ? name.substring(0, 64) + "..." : name)
                + "; the webhooks are configured in --webhooks-file"));
        byte[] body = JsonHttp.rawBody(ctx);
        String id = header(ctx, StandardSignature.ID_HEADER);
        StandardSignature.Verdict verdict = signatures.get(webhook.name()).check(id,
                header(ctx, StandardSignature.TIMESTAMP_HEADER), header(ctx, StandardSignature.SIGNATURE_HEADER), body,
                clock.instant());
        if (verdict != StandardSignature.Verdict.VALID) {
            throw new HttpProblem(401, verdict.problem());
        }
        if (id.length() > Redeliveries.MAX_ID_LENGTH) {
            throw new HttpProblem(400, StandardSignature.ID_HEADER + " must be at most " + Redeliveries.MAX_ID_LENGTH
                    + " characters");
        }
        ObjectNode payload = JsonHttp.readObject(ctx);
        once.publish(ctx, webhook.name(), id, Publication.of(webhook.type(), data(webhook, payload))
                .onChannel(webhook.channel()));
    }

    /** The event's data: the message, the webhook's name, and the body's own type when it has one. */
    static Map<String, String> data(StandardWebhookOptions webhook, ObjectNode body) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("message", webhook.message().render(body));
        data.put("webhook", webhook.name());
        new Payload(body).text(BODY_TYPE_FIELD).ifPresent(type -> data.put("event", type));
        return data;
    }

    private static String header(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getHeader(name)).map(String::strip).orElse(null);
    }
}
