package dev.herald.hub;

import dev.herald.broker.StoredEvent;

/**
 * A live event on its way to the shards, with its frame encoded once for every subscriber; or a signal (see
 * {@link Hub#signal}): an event of this node's own, with no id and no place in the broker's order.
 *
 * @param channel       the channel it is for
 * @param sequence      its place in the broker's order; {@link #SIGNAL} for a signal
 * @param frame         the encoded event
 * @param receivedNanos when the hub received it from the broker ({@link System#nanoTime()}), for the delivery latency
 */
record Dispatch(String channel, long sequence, byte[] frame, long receivedNanos) {

    /** The sequence of a signal. */
    static final long SIGNAL = Long.MIN_VALUE;

    Dispatch(StoredEvent event, byte[] frame, long receivedNanos) {
        this(event.channel(), event.sequence(), frame, receivedNanos);
    }

    boolean signal() {
        return sequence == SIGNAL;
    }
}
