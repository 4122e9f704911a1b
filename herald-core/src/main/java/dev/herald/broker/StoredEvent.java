package dev.herald.broker;

import dev.herald.sse.SseEvent;

/**
 * An event a broker holds: its channel, its position in the broker's order and the event with its id set.
 *
 * @param channel  the channel it was published on
 * @param sequence its position in the single order of the broker instance that holds it, across all channels;
 *                 larger is later. Positions compare only within one broker instance (see {@link Broker}).
 * @param event    the event, whose {@code id} is never {@code null}
 */
public record StoredEvent(String channel, long sequence, SseEvent event) {

    public StoredEvent {
        if (event.id() == null) {
            throw new IllegalArgumentException("a stored event always has an id");
        }
    }
}
