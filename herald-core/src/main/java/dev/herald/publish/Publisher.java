package dev.herald.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.ChannelNames;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
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
 */
public final class Publisher {

    private final Broker broker;
    private final ObjectMapper json;
    private final HeraldMetrics metrics;

    public Publisher(Broker broker) {
        this(broker, new ObjectMapper());
    }

    public Publisher(Broker broker, ObjectMapper json) {
        this(broker, json, HeraldMetrics.NONE);
    }

    /** A publisher that counts each accepted event in {@code metrics}. */
    public Publisher(Broker broker, ObjectMapper json, HeraldMetrics metrics) {
        this.broker = broker;
        this.json = json;
        this.metrics = metrics;
    }

    /** Publishes and completes with the event's id. */
    public CompletionStage<String> publish(Publication publication) {
        AdmittedEvent admitted;
        try {
            ChannelNames.checkPublic(publication.channel());
            admitted = new AdmittedEvent(publication.channel(),
                    new SseEvent(publication.id(), publication.type(), dataOf(publication.data()), publication.retryMillis()));
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return broker.publish(admitted).thenApply(stored -> {
            metrics.published();
            return stored.event().id();
        });
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
