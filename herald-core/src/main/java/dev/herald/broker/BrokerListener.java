package dev.herald.broker;

/** Receives the events of a channel from a broker, and the gaps in them. */
@FunctionalInterface
public interface BrokerListener {

    /**
     * Called once per event, in the broker's order. Must return quickly and never block:
     * it may run on a thread the broker holds (for the memory broker, under its publish lock).
     */
    void onEvent(StoredEvent event);

    /**
     * Called, in the broker's order with the events, when the broker may have missed events of this listener's channel
     * (see {@link Broker}, "Outages"): whatever was published before the gap and not delivered yet will not be. Same
     * threading rules as {@link #onEvent}. By default nothing.
     */
    default void onGap(Gap gap) {
    }
}
