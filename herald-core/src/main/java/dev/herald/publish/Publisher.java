package dev.herald.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broadcast;
import dev.herald.broker.Broker;
import dev.herald.broker.InvalidChannelException;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.ChannelNames;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The publish API: turns a {@link Publication} into an {@link AdmittedPublication} (the door where every rule is
 * checked: channel names, event fields, the idempotency key's form) and hands it to the broker: an event for one
 * channel as an {@link AdmittedEvent}, one for several as a {@link Broadcast} (one id, one sequence).
 *
 * <p>A channel reserved to Herald ({@link ChannelNames#checkPublic}) is refused here; Herald's own events on one go
 * through {@link #announce}, which the metrics do not count as published.
 *
 * <p>A publication with an {@link Publication#idempotencyKey() idempotency key} claims it first, in the node's
 * {@link Idempotency} store: a repeat within the window answers the first id and publishes nothing; one while the
 * first is still under way fails with {@link PublishInFlightException}. Keys are scoped: the Java API's are
 * {@value #APPLICATION_SCOPE}'s, an HTTP publish's are its publisher's (a token's subject or the client address).
 *
 * <p>Bad input fails the returned stage with {@link dev.herald.broker.InvalidChannelException},
 * {@link InvalidEventException} or {@link InvalidIdempotencyKeyException} and reaches nobody; a completed stage means
 * the broker accepted the event (or had, for a replayed key).
 *
 * <p>Every publish first waits for room under the node's delivery backlog ({@link Backpressure}): a stage may take as
 * long as {@code publish-wait} to complete, and fail with {@link BacklogFullException} when it had to wait longer, with
 * nothing published (a key it claimed is freed). Herald's own events ({@link #announce}) never wait.
 */
public final class Publisher {

    /** The scope of the idempotency keys given through the Java API ({@link #publish(Publication)}). */
    public static final String APPLICATION_SCOPE = "app";

    private final Broker broker;
    private final ObjectMapper json;
    private final HeraldMetrics metrics;
    private final KeyedPublish keyed;
    private final Backpressure backpressure;

    public Publisher(Broker broker) {
        this(broker, new ObjectMapper());
    }

    public Publisher(Broker broker, ObjectMapper json) {
        this(broker, json, HeraldMetrics.NONE);
    }

    /** A publisher that counts each accepted event in {@code metrics}, remembering keys in its own memory, never waiting. */
    public Publisher(Broker broker, ObjectMapper json, HeraldMetrics metrics) {
        this(broker, json, metrics, Idempotency.memory(), Backpressure.OFF);
    }

    /** A publisher that counts each accepted event in {@code metrics} and remembers keys as {@code idempotency} says. */
    public Publisher(Broker broker, ObjectMapper json, HeraldMetrics metrics, Idempotency idempotency) {
        this(broker, json, metrics, idempotency, Backpressure.OFF);
    }

    /** A publisher that counts each accepted event in {@code metrics}, each publish after {@code backpressure}'s room. */
    public Publisher(Broker broker, ObjectMapper json, HeraldMetrics metrics, Backpressure backpressure) {
        this(broker, json, metrics, Idempotency.memory(), backpressure);
    }

    /**
     * A publisher that counts each accepted event in {@code metrics}, remembers keys as {@code idempotency} says and
     * publishes each event after {@code backpressure}'s room.
     */
    public Publisher(Broker broker, ObjectMapper json, HeraldMetrics metrics, Idempotency idempotency,
            Backpressure backpressure) {
        this.broker = broker;
        this.json = json;
        this.metrics = metrics;
        this.keyed = new KeyedPublish(idempotency);
        this.backpressure = backpressure;
    }

    /** Publishes and completes with the event's id (for a replayed idempotency key, the first publish's). */
    public CompletionStage<String> publish(Publication publication) {
        return submit(publication).thenApply(PublishReceipt::id);
    }

    /** Publishes and completes with the event's id and whether an earlier publish with the same key made it. */
    public CompletionStage<PublishReceipt> submit(Publication publication) {
        return submit(publication, APPLICATION_SCOPE);
    }

    /**
     * As {@link #submit(Publication)}, the idempotency key scoped to {@code keyScope} (the HTTP routes pass their
     * publisher's).
     */
    public CompletionStage<PublishReceipt> submit(Publication publication, String keyScope) {
        AdmittedPublication admitted;
        try {
            admitted = admit(publication);
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return publish(admitted, keyScope);
    }

    /**
     * Publishes a batch: every publication is admitted before any is published (one refused fails the stage with
     * {@link InvalidBatchItemException} naming its index, and nothing is published), then each is published after the
     * one before it completed, so they keep their order; an item's idempotency key works as on a publication alone.
     * The stage completes with the receipts of those published; a broker failure, or a key held by a publish still
     * under way, stops the batch there (see {@link PublishedBatch}).
     */
    public CompletionStage<PublishedBatch> publishAll(List<Publication> publications) {
        List<AdmittedPublication> admitted;
        try {
            admitted = admitAll(publications);
        } catch (InvalidBatchItemException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return publishAdmitted(admitted, APPLICATION_SCOPE);
    }

    /**
     * The door of {@link #publish(Publication)} for every publication of a batch, in order, publishing nothing.
     *
     * @throws InvalidBatchItemException for the first one refused, with its index
     */
    public List<AdmittedPublication> admitAll(List<Publication> publications) {
        List<AdmittedPublication> admitted = new ArrayList<>(publications.size());
        for (int index = 0; index < publications.size(); index++) {
            try {
                admitted.add(admit(publications.get(index)));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidBatchItemException(index, invalid);
            }
        }
        return admitted;
    }

    /**
     * Publishes publications {@link #admitAll admitted} together, each after the one before it completed, their keys
     * scoped to {@code keyScope}.
     */
    public CompletionStage<PublishedBatch> publishAdmitted(List<AdmittedPublication> admitted, String keyScope) {
        CompletionStage<PublishedBatch> chain = CompletableFuture.completedFuture(PublishedBatch.started(admitted.size()));
        for (AdmittedPublication publication : admitted) {
            chain = chain.thenCompose(batch -> batch.failure() != null ? CompletableFuture.completedFuture(batch)
                    : publish(publication, keyScope).handle(batch::next));
        }
        return chain;
    }

    private CompletionStage<PublishReceipt> publish(AdmittedPublication admitted, String keyScope) {
        if (admitted.idempotencyKey() == null) {
            return publishNow(admitted).thenApply(id -> new PublishReceipt(id, false));
        }
        return keyed.publish(keyScope + ":" + admitted.idempotencyKey(), () -> publishNow(admitted));
    }

    private CompletionStage<String> publishNow(AdmittedPublication admitted) {
        CompletionStage<StoredEvent> stored = backpressure.room().thenCompose(room -> admitted.event() != null
                ? broker.publish(admitted.event())
                : broker.broadcast(admitted.broadcast()));
        return stored.thenApply(event -> {
            metrics.published();
            // The next in line may go: on a channel nobody here reads, no loop's pass would let it through.
            backpressure.release();
            return event.event().id();
        });
    }

    /**
     * The door of {@link #publish(Publication)}: the publication as an event the broker takes. A list of channels is
     * checked as one ({@link Broadcast#checkChannels}, none reserved: refusals name {@code channels[i]}); a list of
     * one is published as an event on that channel.
     *
     * @throws dev.herald.broker.InvalidChannelException for a channel name refused or reserved, or a list of channels
     *                                                   the broker cannot publish on as one event
     * @throws InvalidEventException                     for an event field refused
     * @throws InvalidIdempotencyKeyException            for an idempotency key not of the allowed form
     */
    public AdmittedPublication admit(Publication publication) {
        String key = publication.idempotencyKey() == null ? null
                : Idempotency.checkKey("idempotencyKey", publication.idempotencyKey());
        SseEvent event = new SseEvent(publication.id(), publication.type(), dataOf(publication.data()),
                publication.retryMillis());
        if (publication.channels() == null) {
            ChannelNames.checkPublic(publication.channel());
            return new AdmittedPublication(new AdmittedEvent(publication.channel(), event), null, key);
        }
        List<String> channels = publication.channels();
        Broadcast.checkChannels(channels);
        for (int index = 0; index < channels.size(); index++) {
            if (ChannelNames.isReserved(channels.get(index))) {
                throw new InvalidChannelException("channels[" + index + "]: channel " + channels.get(index)
                        + " is reserved: names beginning with " + ChannelNames.RESERVED_PREFIX + " are Herald's own");
            }
        }
        if (channels.size() == 1) {
            return new AdmittedPublication(new AdmittedEvent(channels.get(0), event), null, key);
        }
        if (!broker.broadcasts()) {
            throw new InvalidChannelException("channels: this node's broker publishes an event on one channel at a "
                    + "time; publish once per channel");
        }
        return new AdmittedPublication(null, new Broadcast(channels, event), key);
    }

    /**
     * Publishes one of Herald's own events on a reserved channel ({@link ChannelNames#isReserved}), such as the node's
     * status: through the broker like any event, so that every node sees it, but not counted as published.
     *
     * @throws IllegalArgumentException for a channel that is not reserved
     */
    public CompletionStage<String> announce(String channel, SseEvent event) {
        if (!ChannelNames.isReserved(channel)) {
            throw new IllegalArgumentException("announce publishes on a reserved channel ($...), not on " + channel);
        }
        return broker.publish(new AdmittedEvent(channel, event)).thenApply(stored -> stored.event().id());
    }

    /** flask-sse's {@code sse.publish(data, type=...)}: the data as JSON (a String as it is) on the default channel. */
    public CompletionStage<String> publish(Object data, String type) {
        return publish(Publication.of(type, data));
    }

    private String dataOf(Object data) {
        if (data == null) {
            throw new InvalidEventException("data must not be null; use \"\" for an empty payload");
        }
        if (data instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data of type " + data.getClass().getName()
                    + " cannot be serialised to JSON: " + e.getOriginalMessage());
        }
    }
}
