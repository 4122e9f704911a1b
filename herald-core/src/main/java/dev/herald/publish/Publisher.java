package dev.herald.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.ChannelNames;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The publish API: turns a {@link Publication} into an {@link AdmittedEvent} (the door where every rule is checked)
 * and hands it to the broker.
 *
 * <p>A channel reserved to Herald ({@link ChannelNames#checkPublic}) is refused here; Herald's own events on one go
 * through {@link #announce}, which the metrics do not count as published.
 *
 * <p>Bad input fails the returned stage with {@link dev.herald.broker.InvalidChannelException} or
 * {@link InvalidEventException} and reaches nobody; a completed stage means the broker accepted the event.
 *
 * <p>Every publish first waits for room under the node's delivery backlog ({@link Backpressure}): a stage may take as
 * long as {@code publish-wait} to complete, and fail with {@link BacklogFullException} when it had to wait longer, with
 * nothing published. Herald's own events ({@link #announce}) never wait.
 */
public final class Publisher {

    private final Broker broker;
    private final ObjectMapper json;
    private final HeraldMetrics metrics;
    private final Backpressure backpressure;

    public Publisher(Broker broker) {
        this(broker, new ObjectMapper());
    }

    public Publisher(Broker broker, ObjectMapper json) {
        this(broker, json, HeraldMetrics.NONE);
    }

    /** A publisher that counts each accepted event in {@code metrics}, and never waits. */
    public Publisher(Broker broker, ObjectMapper json, HeraldMetrics metrics) {
        this(broker, json, metrics, Backpressure.OFF);
    }

    /** A publisher that counts each accepted event in {@code metrics}, each publish after {@code backpressure}'s room. */
    public Publisher(Broker broker, ObjectMapper json, HeraldMetrics metrics, Backpressure backpressure) {
        this.broker = broker;
        this.json = json;
        this.metrics = metrics;
        this.backpressure = backpressure;
    }

    /** Publishes and completes with the event's id. */
    public CompletionStage<String> publish(Publication publication) {
        AdmittedEvent admitted;
        try {
            admitted = admit(publication);
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return publish(admitted);
    }

    /**
     * Publishes a batch: every publication is admitted before any is published (one refused fails the stage with
     * {@link InvalidBatchItemException} naming its index, and nothing is published), then each is published after the
     * one before it completed, so they keep their order. The stage completes with the ids of those published; a
     * broker failure stops the batch there (see {@link PublishedBatch}).
     */
    public CompletionStage<PublishedBatch> publishAll(List<Publication> publications) {
        List<AdmittedEvent> admitted;
        try {
            admitted = admitAll(publications);
        } catch (InvalidBatchItemException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return publishAdmitted(admitted);
    }

    /**
     * The door of {@link #publish(Publication)} for every publication of a batch, in order, publishing nothing.
     *
     * @throws InvalidBatchItemException for the first one refused, with its index
     */
    public List<AdmittedEvent> admitAll(List<Publication> publications) {
        List<AdmittedEvent> admitted = new ArrayList<>(publications.size());
        for (int index = 0; index < publications.size(); index++) {
            try {
                admitted.add(admit(publications.get(index)));
            } catch (IllegalArgumentException invalid) {
                throw new InvalidBatchItemException(index, invalid);
            }
        }
        return admitted;
    }

    /** Publishes events {@link #admitAll admitted} together, each after the one before it completed. */
    public CompletionStage<PublishedBatch> publishAdmitted(List<AdmittedEvent> admitted) {
        CompletionStage<PublishedBatch> chain = CompletableFuture.completedFuture(PublishedBatch.started(admitted.size()));
        for (AdmittedEvent event : admitted) {
            chain = chain.thenCompose(batch -> batch.failure() != null ? CompletableFuture.completedFuture(batch)
                    : publish(event).handle(batch::next));
        }
        return chain;
    }

    private CompletionStage<String> publish(AdmittedEvent admitted) {
        return backpressure.room().thenCompose(room -> broker.publish(admitted)).thenApply(stored -> {
            metrics.published();
            // The next in line may go: on a channel nobody here reads, no loop's pass would let it through.
            backpressure.release();
            return stored.event().id();
        });
    }

    /**
     * The door of {@link #publish(Publication)}: the publication as an event the broker takes.
     *
     * @throws dev.herald.broker.InvalidChannelException for a channel name refused or reserved
     * @throws InvalidEventException                     for an event field refused
     */
    public AdmittedEvent admit(Publication publication) {
        ChannelNames.checkPublic(publication.channel());
        return new AdmittedEvent(publication.channel(),
                new SseEvent(publication.id(), publication.type(), dataOf(publication.data()), publication.retryMillis()));
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
