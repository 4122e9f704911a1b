package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.Grants;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.limits.Limits;
import dev.herald.publish.InvalidBatchItemException;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishFailure;
import dev.herald.publish.Publisher;
import dev.herald.request.InvalidRequestException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.publish.AdmittedPublication;
import dev.herald.request.IdempotencyKey;
import dev.herald.request.JsonBody;
import dev.herald.request.PublishBatchRequest;
import dev.herald.request.PublishRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST .../publish} with {@code {"channel" | "channels", "type", "data", "id"?, "retry"?, "idempotencyKey"?}},
 * in these steps: the publish rate of the token's subject, or without a valid token of the client address (429 with
 * {@code Retry-After}, before the body is read: {@link #admit}), the body's size (413, as the adapter reads it:
 * {@link #bodyTooLarge()}), who publishes (401, 403), the body's type (415) and form (400), the publisher's grants on
 * the channel or each of the channels (403), then the broker (400 for an event it refuses, 503 when it cannot take it).
 * Answers {@code {"status":"success","id":"..."}} once the broker took the event. {@code POST .../publish/batch}
 * takes an array of such bodies: {@link #publishBatch}.
 */
public final class PublishService {

    private static final Logger LOG = LoggerFactory.getLogger(PublishService.class);
    /** The header of a 409 for an idempotency key in flight. */
    static final Map<String, String> RETRY_SHORTLY = Map.of("Retry-After", "1");

    private final Publisher publisher;
    private final AccessControl access;
    private final Limits limits;
    private final int bodyLimitBytes;

    /** A service over {@code publisher}, which remembers the idempotency keys. */
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
     * Publishes the event of an admitted request whose body (at most {@link #bodyLimitBytes()}) was read: on its
     * {@code channel}, or as one event with one id on each of its {@code channels} (the publisher must be allowed every
     * one: 403 naming {@code channels[i]}, nothing published; the publish rate counts it once). With an idempotency key
     * ({@link IdempotencyKey}: 400 naming it when malformed), a repeat within the window answers the first id and
     * publishes nothing, and one while the first is under way is a 409 with {@code Retry-After: 1}.
     */
    public CompletionStage<PublishOutcome> publish(ServerRequest received, byte[] body) {
        Publication publication;
        String keyScope;
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
            authorize(grants, publication, "");
            publication = publication.withIdempotencyKey(key);
            keyScope = key == null ? null
                    : IdempotencyKey.scope(access.publisherSubject(() -> request.credentials(false)), request.clientAddress());
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(Refused.of(refused));
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(Admission.badRequest(invalid));
        }
        return publisher.submit(publication, keyScope).handle((receipt, error) -> error != null
                ? outcome(null, error) : new PublishOutcome.Published(receipt.id(), receipt.replayed()));
    }

    /**
     * The publisher's grants cover every channel of the publication, or an {@link AccessRefusedException} naming the
     * first that is not ({@code prefix} then {@code channels[i]: } for a list).
     */
    private void authorize(Grants grants, Publication publication, String prefix) {
        if (publication.channels() == null) {
            try {
                access.authorizePublish(grants, publication.channel());
            } catch (AccessRefusedException refused) {
                throw prefix.isEmpty() ? refused
                        : new AccessRefusedException(refused.status(), prefix + refused.getMessage(), refused.challenge());
            }
            return;
        }
        List<String> channels = publication.channels();
        for (int index = 0; index < channels.size(); index++) {
            try {
                access.authorizePublish(grants, channels.get(index));
            } catch (AccessRefusedException refused) {
                throw new AccessRefusedException(refused.status(), prefix + "channels[" + index + "]: "
                        + refused.getMessage(), refused.challenge());
            }
        }
    }

    /**
     * Publishes the items of an admitted {@code POST .../publish/batch} whose body (a JSON array, at most
     * {@link #bodyLimitBytes()}) was read. Every item is admitted before any is published: read
     * ({@link PublishBatchRequest}: 400 naming {@code [i].field}), authorized on each of its channels (403 naming
     * {@code [i]}), passed through the publisher's door (400 naming {@code [i].field}) and counted against the publish
     * rate, one publish an item ({@link #admit} took the first before the body was read; 429 for the rest); any refusal
     * publishes nothing. Then the items are published in order, one after the other ({@link Publisher#publishAll}), each
     * item's {@code idempotencyKey} working as on {@code POST .../publish}; an {@code Idempotency-Key} header is
     * refused with a 400 (a key is an item's).
     */
    public CompletionStage<PublishOutcome> publishBatch(ServerRequest received, byte[] body) {
        List<AdmittedPublication> admitted;
        String keyScope;
        try {
            ServerRequest request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            Grants grants = access.admitPublisher(() -> request.credentials(false));
            String contentType = request.header("Content-Type");
            if (!JsonBody.isJson(contentType)) {
                return CompletableFuture.completedFuture(Refused.of(415, JsonBody.notJsonMessage(contentType)));
            }
            if (!request.headers(IdempotencyKey.HEADER).isEmpty()) {
                return CompletableFuture.completedFuture(Refused.of(400, "the " + IdempotencyKey.HEADER
                        + " header is not taken by a batch: give each item its own " + IdempotencyKey.FIELD));
            }
            List<Publication> publications = PublishBatchRequest.read(body);
            for (int index = 0; index < publications.size(); index++) {
                authorize(grants, publications.get(index), "[" + index + "].");
            }
            admitted = publisher.admitAll(publications);
            if (publications.size() > 1) {
                Refused overRate = admit(received, publications.size() - 1);
                if (overRate != null) {
                    return CompletableFuture.completedFuture(overRate);
                }
            }
            keyScope = IdempotencyKey.scope(access.publisherSubject(() -> request.credentials(false)),
                    request.clientAddress());
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(Refused.of(refused));
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(Admission.badRequest(invalid));
        } catch (InvalidBatchItemException invalid) {
            return CompletableFuture.completedFuture(Refused.of(400, invalid.getMessage()));
        }
        return publisher.publishAdmitted(admitted, keyScope).thenApply(batch -> {
            if (batch.failure() != null) {
                outcome(null, batch.failure()); // logged as the failure of a single publish is
            }
            return new PublishOutcome.BatchPublished(batch);
        });
    }

    /**
     * The outcome of {@link Publisher#publish}: the id once the broker took the event; 400 for an event or channel the
     * publisher refused, 409 with {@code Retry-After: 1} for an idempotency key in flight, 503 with {@code Retry-After}
     * when it waited too long for room under the delivery backlog ({@link dev.herald.publish.BacklogFullException}),
     * 503 when the broker could not take it (one log line), else the failure's status with the
     * failure logged for the operator (never sent to the client).
     */
    public static PublishOutcome outcome(String id, Throwable error) {
        if (error == null) {
            return new PublishOutcome.Published(id);
        }
        PublishFailure failure = PublishFailure.of(error);
        if (failure.status() == 409) {
            return new Refused(409, failure.message(), RETRY_SHORTLY);
        }
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
