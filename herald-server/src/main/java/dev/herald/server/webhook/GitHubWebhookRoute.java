package dev.herald.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.publish.Publication;
import dev.herald.publish.Publisher;
import dev.herald.vertx.HttpProblem;
import dev.herald.vertx.JsonHttp;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /webhook/github}: a GitHub webhook delivery becomes one {@code notify} event on the webhook's channel,
 * with data {@code {"message": "octocat pushed 3 commits to main in acme/app", "event": "push", ...}}
 * ({@link GitHubNotification}), which the seed's page shows as it shows {@code /send_notification}'s.
 *
 * <p>A delivery passes, in this order (GitHub's "Webhook events and payloads" and "Validating webhook deliveries"):
 * <ol>
 *   <li>the {@link WebhookAccess}: off → 403;</li>
 *   <li>with a secret, {@code X-Hub-Signature-256} over the raw body ({@link GitHubSignature}) → 401;</li>
 *   <li>{@code X-GitHub-Event} present, {@code X-GitHub-Delivery} at most {@value #MAX_DELIVERY_ID} characters → 400;</li>
 *   <li>the body: {@code application/json}, or {@code application/x-www-form-urlencoded} with a {@code payload} field
 *       → else 415; a JSON object → else 400; over the body limit → 413;</li>
 *   <li>{@code ping} answers {@code {"status":"ok","message":"pong"}} and publishes nothing;</li>
 *   <li>a delivery id seen before answers {@code {"status":"ok","message":"duplicate delivery ignored"}} and
 *       publishes nothing; otherwise the event is published, {@code {"status":"ok"}} once the broker took it
 *       ({@link OncePerDelivery}).</li>
 * </ol>
 * Every refusal is {@code {"status":"error","message":"..."}}; none repeats the secret or the expected signature.
 */
public final class GitHubWebhookRoute {

    /** Where GitHub delivers. */
    public static final String PATH = "/webhook/github";
    static final String EVENT_TYPE = "notify";
    static final String EVENT_HEADER = "X-GitHub-Event";
    static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    /** GitHub's ids are 36-character GUIDs; a longer one is refused, which bounds the memory of ids. */
    static final int MAX_DELIVERY_ID = Redeliveries.MAX_ID_LENGTH;
    /** The name its delivery ids are remembered under, reserved for this route among the webhooks' names. */
    static final String WEBHOOK = "github";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String FORM_FIELD = "payload=";

    private final WebhookAccess access;
    private final GitHubSignature signature;
    private final OncePerDelivery once;
    private final String channel;

    /**
     * @param access       who may deliver, from {@link WebhookAccess#of}
     * @param redeliveries the ids seen, this node's or every node's
     */
    public GitHubWebhookRoute(Publisher publisher, GitHubWebhookOptions options, WebhookAccess access,
                              Redeliveries redeliveries) {
        this.access = access;
        this.signature = access == WebhookAccess.SIGNED ? new GitHubSignature(options.secret()) : null;
        this.once = new OncePerDelivery(publisher, redeliveries);
        this.channel = options.channel();
    }

    /** Mounts {@link #PATH} on {@code router}; a body over {@code bodyLimitBytes} is refused with 413. */
    public void mount(Router router, long bodyLimitBytes) {
        JsonHttp.mountPost(router, PATH, bodyLimitBytes, this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (access == WebhookAccess.OFF) {
            throw new HttpProblem(403, WebhookAccess.OFF_PROBLEM);
        }
        byte[] body = JsonHttp.rawBody(ctx);
        if (signature != null) {
            GitHubSignature.Verdict verdict = signature.check(ctx.request().getHeader(GitHubSignature.HEADER), body);
            if (verdict != GitHubSignature.Verdict.VALID) {
                throw new HttpProblem(401, verdict.problem());
            }
        }
        String event = header(ctx, EVENT_HEADER);
        if (event == null) {
            throw new HttpProblem(400, EVENT_HEADER + " is missing; it names the GitHub event (push, issues, ...)");
        }
        String delivery = header(ctx, DELIVERY_HEADER);
        if (delivery != null && delivery.length() > MAX_DELIVERY_ID) {
            throw new HttpProblem(400, DELIVERY_HEADER + " must be at most " + MAX_DELIVERY_ID + " characters");
        }
        ObjectNode payload = payloadOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), body);
        if (event.equals("ping")) {
            JsonHttp.send(ctx, 200, Map.of("status", "ok", "message", "pong"));
            return;
        }
        GitHubNotification notification = GitHubEvents.describe(event, payload);
        once.publish(ctx, WEBHOOK, delivery, Publication.of(EVENT_TYPE, notification.data()).onChannel(channel));
    }

    /** The delivery's JSON object: the body itself, or the {@code payload} field of a form. */
    private static ObjectNode payloadOf(String contentType, byte[] body) {
        if (JsonHttp.isJson(contentType)) {
            return JsonHttp.parseObject(body);
        }
        if (JsonHttp.mediaTypeOf(contentType).equals(FORM)) {
            return JsonHttp.parseObject(formPayload(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }
        throw new HttpProblem(415, "Content-Type must be application/json (or " + FORM + " with a payload field), got "
                + (contentType == null ? "none" : contentType));
    }

    /** The {@code payload} field of a form body, decoded: GitHub sends {@code payload=<the JSON, URL-encoded>}. */
    private static String formPayload(String form) {
        for (String field : form.split("&")) {
            if (field.startsWith(FORM_FIELD)) {
                try {
                    return URLDecoder.decode(field.substring(FORM_FIELD.length()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    throw new HttpProblem(400, "The form's payload field is not URL-encoded correctly");
                }
            }
        }
        throw new HttpProblem(400, "A form delivery must have a payload field holding the JSON");
    }

    private static String header(RoutingContext ctx, String name) {
        String value = ctx.request().getHeader(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
