package dev.herald.broker;

/** A listener's registration with a broker. */
public interface BrokerSubscription {

    /** Stops delivery to the listener; idempotent. */
    void cancel();
}
