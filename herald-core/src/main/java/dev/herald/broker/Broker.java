package dev.herald.broker;

import dev.herald.sse.SseEvent;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Carries events from publishers to every node's hub and keeps a bounded history to resume from.
 *
 * <p>The contract every implementation keeps:
 * <ul>
 *   <li><b>One order.</b> Every accepted event gets a {@link StoredEvent#sequence() sequence}; sequences grow
 *       across all channels, and every listener receives events in that order.</li>
 *   <li><b>Ids.</b> An event published without an id gets one from the broker; an id names a point in the
 *       order, so {@link #replay} resumes any set of channels from it. A publisher's own id is kept and
 *       resumes as long as history still holds that event.</li>
 *   <li><b>Delivery.</b> A completed {@link #publish} has reached history and every listener registered
 *       before it; an event is never delivered twice to one listener.</li>
 *   <li><b>No gap.</b> A listener {@link #subscribe subscribed} before {@link #replay} is read receives every
 *       event later than {@link Replay#headSequence()}; everything up to it is in the replay or was gone.</li>
 * </ul>
 */
public interface Broker extends AutoCloseable {

    /**
     * Stores and delivers an event on a channel.
     *
     * @return the stored event with its id, or a failed stage ({@link dev.herald.sse.InvalidEventException}
     *         for an id this broker cannot accept)
     */
    CompletionStage<StoredEvent> publish(String channel, SseEvent event);

    /**
     * Registers a listener for a channel's live events; the stage completes once delivery is active. A broker
     * whose backend is briefly unreachable does not fail the stage: it completes when delivery is active again.
     */
    CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener);

    /**
     * The events after {@code lastEventId} on the given channels, merged in order.
     *
     * @param lastEventId the client's last event id, or {@code null} for a new client (no events, only the head)
     */
    CompletionStage<Replay> replay(Set<String> channels, String lastEventId);

    /** Releases what the broker holds; publishing afterwards fails. */
    @Override
    void close();
}
