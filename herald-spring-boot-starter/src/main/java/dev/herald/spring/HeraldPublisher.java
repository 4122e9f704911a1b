package dev.herald.spring;

import dev.herald.broker.ChannelNames;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishReceipt;
import dev.herald.publish.PublishedBatch;
import dev.herald.publish.Publisher;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Publishing from application code in one call, as flask-sse's {@code sse.publish(data, type=..., channel=...)}:
 * inject it and call {@link #publish(Object, String)}. Every event goes through the same door as
 * {@code POST <prefix>/publish} ({@link Publisher}), so the same rules apply and a refused event reaches nobody.
 *
 * <p>Each method returns at once; the stage completes with the event's id once the broker accepted it, or fails with
 * {@link dev.herald.broker.InvalidChannelException} or {@link dev.herald.sse.InvalidEventException} for a refused
 * event and {@link dev.herald.broker.BrokerUnavailableException} when the broker could not take it.
 */
public final class HeraldPublisher {

    private final Publisher publisher;

    public HeraldPublisher(Publisher publisher) {
        this.publisher = publisher;
    }

    /** {@code sse.publish(data, type=type)}: on the default channel ({@value ChannelNames#DEFAULT}); a String as it is, anything else as JSON. */
    public CompletionStage<String> publish(Object data, String type) {
        return publisher.publish(data, type);
    }

    /** {@code sse.publish(data, type=type, channel=channel)}. */
    public CompletionStage<String> publish(Object data, String type, String channel) {
        return publisher.publish(Publication.of(type, data).onChannel(channel));
    }

    /**
     * Every field ({@link Publication#builder()}): type, data, the channel or several channels (one event with one id
     * on each), the publisher's own id, a reconnection time, an idempotency key (a repeat within the window completes
     * with the first id and publishes nothing; one while the first is under way fails with
     * {@link dev.herald.publish.PublishInFlightException}). The same door and answers as {@code POST <prefix>/publish}.
     */
    public CompletionStage<String> publish(Publication publication) {
        return publisher.publish(publication);
    }

    /** As {@link #publish(Publication)}, also telling whether an earlier publish with the same key made the event. */
    public CompletionStage<PublishReceipt> submit(Publication publication) {
        return publisher.submit(publication);
    }

    /**
     * A batch, as {@code POST <prefix>/publish/batch}: every publication admitted before any is published (one refused
     * fails the stage with {@link dev.herald.publish.InvalidBatchItemException} and nothing is published), then each
     * published in order, each with its own idempotency key if it has one; see {@link Publisher#publishAll}.
     */
    public CompletionStage<PublishedBatch> publishAll(List<Publication> publications) {
        return publisher.publishAll(publications);
    }
}
