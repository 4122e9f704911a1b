package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.Grants;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.AdmittedEvent;
import dev.herald.limits.Limits;
import dev.herald.publish.InvalidBatchItemException;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishFailure;
import dev.herald.publish.Publisher;
import dev.herald.request.InvalidRequestException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.publish.Idempotency;
import dev.herald.request.IdempotencyKey;
import dev.herald.request.JsonBody;
import dev.herald.request.PublishBatchRequest;
import dev.herald.request.PublishRequest;
import java.util.List;
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
 * Answers {@code {"status":"success","id":"..."}} once the broker took the event. {@code POST .../publish/batch}
 * takes an array of such bodies: {@link #publishBatch}.
 */
public final class PublishService {

    private static final Logger LOG = LoggerFactory.getLogger(PublishService.class);

    private final Publisher publisher;
    private final AccessControl access;
    private final Limits limits;
    private final int bodyLimitBytes;
    private final IdempotentPublish idempotent;

    /** A service remembering idempotency keys in this node's memory, for the default window. */
    public PublishService(Publisher publisher, AccessControl access, Limits limits, int bodyLimitBytes) {
        this(publisher, access, limits, bodyLimitBytes, Idempotency.memory());
    }

    /** A service remembering idempotency keys as {@code idempotency} says. */
    public PublishService(Publisher publisher, AccessControl access, Limits limits, int bodyLimitBytes,
                          Idempotency idempotency) {
        this.publisher = publisher;
        this.access = access;
        this.limits = limits;
        this.bodyLimitBytes = bodyLimitBytes;
        this.idempotent = new IdempotentPublish(idempotency);
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
        return admit(received, 1);
    }

    /** As {@link #admit(ServerRequest)}, taking {@code publishes} from the budget (at most its burst). */
    private Refused admit(ServerRequest received, int publishes) {
        try {
            ServerRequest request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            String subject = access.publisherSubject(() -> request.credentials(false));
            if (subject != null) {
                long retryAfterSeconds = limits.tokenPublishRetryAfterSeconds(subject, publishes);
                return retryAfterSeconds == 0 ? null
                        : Refused.tooManyRequests(retryAfterSeconds, limits.tokenPublishRateMessage(retryAfterSeconds));
            }
            long retryAfterSeconds = limits.publishRetryAfterSeconds(request.clientAddress(), publishes);
            return retryAfterSeconds == 0 ? null
                    : Refused.tooManyRequests(retryAfterSeconds, limits.publishRateMessage(retryAfterSeconds));
        } catch (InvalidRequestException invalid) {
            return Admission.badRequest(invalid);
        }
    }

    /**
     * Publishes the event of an admitted request whose body (at most {@link #bodyLimitBytes()}) was read. With an
     * idempotency key ({@link IdempotencyKey}: 400 naming it when malformed), a repeat within the window answers the
     * first id and publishes nothing, and one while the first is under way is a 409 ({@link IdempotentPublish}).
     */
    public CompletionStage<PublishOutcome> publish(ServerRequest received, byte[] body) {
        Publication publication;
        String scopedKey = null;
        try {
            ServerRequest request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            Grants grants = access.admitPublisher(() -> request.credentials(false));
            String contentType = request.header("Content-Type");
            if (!JsonBody.isJson(contentType)) {
                return CompletableFuture.completedFuture(Refused.of(415, JsonBody.notJsonMessage(contentType)));
            }
            ObjectNode object = JsonBody.readObject(body);
            publication = PublishRequest.read(object);
            String key = IdempotencyKey.read(request.headers(IdempotencyKey.HEADER), object);
            access.authorizePublish(grants, publication.channel());
            if (key != null) {
                scopedKey = IdempotencyKey.scoped(access.publisherSubject(() -> request.credentials(false)),
                        request.clientAddress(), key);
            }
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(Refused.of(refused));
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(Admission.badRequest(invalid));
        }
        if (scopedKey == null) {
            return publisher.publish(publication).handle(PublishService::outcome);
        }
        return idempotent.publish(scopedKey, () -> publisher.publish(publication));
    }

    /**
     * Publishes the items of an admitted {@code POST .../publish/batch} whose body (a JSON array, at most
     * {@link #bodyLimitBytes()}) was read. Every item is admitted before any is published: read
     * ({@link PublishBatchRequest}: 400 naming {@code [i].field}), authorized (403 naming {@code [i]}), passed through
     * the publisher's door (400 naming {@code [i].field}) and counted against the publish rate, one publish an item
     * ({@link #admit} took the first before the body was read; 429 for the rest); any refusal publishes nothing. Then
     * the items are published in order, one after the other ({@link Publisher#publishAll}).
     */
    public CompletionStage<PublishOutcome> publishBatch(ServerRequest received, byte[] body) {
        List<AdmittedEvent> admitted;
        try {
            ServerRequest request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            Grants grants = access.admitPublisher(() -> request.credentials(false));
            String contentType = request.header("Content-Type");
            if (!JsonBody.isJson(contentType)) {
                return CompletableFuture.completedFuture(Refused.of(415, JsonBody.notJsonMessage(contentType)));
            }
            if (!request.headers(IdempotencyKey.HEADER).isEmpty()) {
                return CompletableFuture.completedFuture(Refused.of(400, "the " + IdempotencyKey.HEADER
                        + " header is not taken by a batch yet; publish each event with POST .../publish"));
            }
            List<Publication> publications = PublishBatchRequest.read(body);
            for (int index = 0; index < publications.size(); index++) {
                try {
                    access.authorizePublish(grants, publications.get(index).channel());
                } catch (AccessRefusedException refused) {
                    return CompletableFuture.completedFuture(Refused.of(new AccessRefusedException(refused.status(),
                            "[" + index + "]." + refused.getMessage(), refused.challenge())));
                }
            }
            admitted = publisher.admitAll(publications);
            if (publications.size() > 1) {
                Refused overRate = admit(received, publications.size() - 1);
                if (overRate != null) {
                    return CompletableFuture.completedFuture(overRate);
                }
            }
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(Refused.of(refused));
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(Admission.badRequest(invalid));
        } catch (InvalidBatchItemException invalid) {
            return CompletableFuture.completedFuture(Refused.of(400, invalid.getMessage()));
        }
        return publisher.publishAdmitted(admitted).thenApply(batch -> {
            if (batch.failure() != null) {
                outcome(null, batch.failure()); // logged as the failure of a single publish is
            }
            return new PublishOutcome.BatchPublished(batch);
        });
    }

    /**
     * The outcome of {@link Publisher#publish}: the id once the broker took the event; 400 for an event or channel the
     * publisher refused, 503 with {@code Retry-After} when it waited too long for room under the delivery backlog
     * ({@link dev.herald.publish.BacklogFullException}), 503 when the broker could not take it (one log line), else the failure's status with the
     * failure logged for the operator (never sent to the client).
     */
    public static PublishOutcome outcome(String id, Throwable error) {
        if (error == null) {
            return new PublishOutcome.Published(id);
        }
        PublishFailure failure = PublishFailure.of(error);
        if (failure.retryAfterSeconds() > 0) {
            // Not logged: a publisher outrunning delivery is told so, and counted (herald_refusals_total).
            return Refused.serviceUnavailable(failure.retryAfterSeconds(), failure.message());
        }
        if (failure.cause() instanceof BrokerUnavailableException) {
            LOG.warn("publish refused with 503: " + failure.cause().getMessage());
        } else if (!failure.refused()) {
            LOG.warn("publish failed", failure.cause());
        }
        return Refused.of(failure.status(), failure.message());
    }
}
