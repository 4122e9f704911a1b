package dev.herald.hub;

import dev.herald.broker.StoredEvent;

/** A live event on its way to the shards, with its frame encoded once for every subscriber. */
record Dispatch(StoredEvent event, byte[] frame) {

    String channel() {
        return event.channel();
    }

    long sequence() {
        return event.sequence();
    }
}
