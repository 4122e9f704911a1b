package dev.herald.broker;

/** Receives the events of a channel from a broker. */
@FunctionalInterface
public interface BrokerListener {

    /**
     * Called once per event, in the broker's order. Must return quickly and never block:
     * it may run on a thread the broker holds (for the memory broker, under its publish lock).
     */
    void onEvent(StoredEvent event);
}
