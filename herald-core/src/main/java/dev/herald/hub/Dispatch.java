package dev.herald.hub;

import dev.herald.broker.StoredEvent;

/**
 * A live event on its way to the shards, with its frame encoded once for every subscriber.
 *
 * @param receivedNanos when the hub received it from the broker ({@link System#nanoTime()}), for the delivery latency
 */
record Dispatch(StoredEvent event, byte[] frame, long receivedNanos) {

    String channel() {
        return event.channel();
    }

    long sequence() {
        return event.sequence();
    }
}
