package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.Grants;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.limits.Limits;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishFailure;
import dev.herald.publish.Publisher;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.JsonBody;
import dev.herald.request.PublishRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST .../publish} with {@code {"channel", "type", "data", "id"?, "retry"?}}, in these steps: the publish rate
 * of the token's subject, or without a valid token of the client address (429 with {@code Retry-After}, before the
 * body is read: {@link #admit}), the body's size (413,
 * as the adapter reads it: {@link #bodyTooLarge()}), who publishes (401, 403), the body's type (415) and form (400), the
 * publisher's grants on the channel (403), then the broker (400 for an event it refuses, 503 when it cannot take it).
 * Answers {@code {"status":"success","id":"..."}} once the broker took the event.
 */
public final class PublishService {

    private static final Logger LOG = LoggerFactory.getLogger(PublishService.class);

    private final Publisher publisher;
    private final AccessControl access;
    private final Limits limits;
    private final int bodyLimitBytes;

    public PublishService(Publisher publisher, AccessControl access, Limits limits, int bodyLimitBytes) {
        this.publisher = publisher;
        this.access = access;
        this.limits = limits;
        this.bodyLimitBytes = bodyLimitBytes;
    }

    /** The largest body the adapter should read, in bytes; one more is {@link #bodyTooLarge()}. */
    public int bodyLimitBytes() {
        return bodyLimitBytes;
    }

    /** The 413 of a body over {@link #bodyLimitBytes()}. */
    public Refused bodyTooLarge() {
        return Refused.bodyTooLarge(bodyLimitBytes);
    }

    /**
     * Takes one publish from its budget, before its body is read: null when it may go on, else the 429 to answer (or
     * the 400 of a forwarding header or a credential that cannot be read). A request with a valid publisher token is
     * counted by its token's subject ({@link AccessControl#publisherSubject}); any other, a bad token's included, by
     * its client address (behind trusted proxies, the forwarded one). Routes of the application's own that publish
     * call it too, so a publisher has one budget.
     */
    public Refused admit(ServerRequest received) {
        try {
            ServerRequest request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            String subject = access.publisherSubject(() -> request.credentials(false));
            if (subject != null) {
                long retryAfterSeconds = limits.tokenPublishRetryAfterSeconds(subject);
                return retryAfterSeconds == 0 ? null
                        : Refused.tooManyRequests(retryAfterSeconds, limits.tokenPublishRateMessage(retryAfterSeconds));
            }
            long retryAfterSeconds = limits.publishRetryAfterSeconds(request.clientAddress());
            return retryAfterSeconds == 0 ? null
                    : Refused.tooManyRequests(retryAfterSeconds, limits.publishRateMessage(retryAfterSeconds));
        } catch (InvalidRequestException invalid) {
            return Admission.badRequest(invalid);
        }
    }

    /** Publishes the event of an admitted request whose body (at most {@link #bodyLimitBytes()}) was read. */
    public CompletionStage<PublishOutcome> publish(ServerRequest received, byte[] body) {
        Publication publication;
        try {
            ServerRequest request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            Grants grants = access.admitPublisher(() -> request.credentials(false));
            String contentType = request.header("Content-Type");
            if (!JsonBody.isJson(contentType)) {
                return CompletableFuture.completedFuture(Refused.of(415, JsonBody.notJsonMessage(contentType)));
            }
            publication = PublishRequest.read(body);
            access.authorizePublish(grants, publication.channel());
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(Refused.of(refused));
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(Admission.badRequest(invalid));
        }
        return publisher.publish(publication).handle(PublishService::outcome);
    }

    /**
     * The outcome of {@link Publisher#publish}: the id once the broker took the event; 400 for an event or channel the
     * publisher refused, 503 when the broker could not take it (one log line), else the failure's status with the
     * failure logged for the operator (never sent to the client).
     */
    public static PublishOutcome outcome(String id, Throwable error) {
        if (error == null) {
            return new PublishOutcome.Published(id);
        }
        PublishFailure failure = PublishFailure.of(error);
        if (failure.cause() instanceof BrokerUnavailableException) {
            LOG.warn("publish refused with 503: " + failure.cause().getMessage());
        } else if (!failure.refused()) {
            LOG.warn("publish failed", failure.cause());
        }
        return Refused.of(failure.status(), failure.message());
    }
}
