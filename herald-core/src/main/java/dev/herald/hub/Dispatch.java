package dev.herald.hub;

import dev.herald.broker.StoredEvent;

/**
 * A live event on its way to the shards, with its frame encoded once for every subscriber.
 *
 * @param subscription  what the hub subscribed to at the broker and its shards list subscribers under: the event's
 *                      channel, or a pattern matching it
 * @param receivedNanos when the hub received it from the broker ({@link System#nanoTime()}), for the delivery latency
 */
record Dispatch(String subscription, StoredEvent event, byte[] frame, long receivedNanos) {

    /** A dispatch to the subscribers of the event's own channel. */
    Dispatch(StoredEvent event, byte[] frame, long receivedNanos) {
        this(event.channel(), event, frame, receivedNanos);
    }

    String channel() {
        return event.channel();
    }

    long sequence() {
        return event.sequence();
    }
}
