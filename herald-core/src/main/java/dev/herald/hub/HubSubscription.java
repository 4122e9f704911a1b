package dev.herald.hub;

/** A client's place in the hub. */
public interface HubSubscription {

    /** Removes the client, for example when its connection closed. Call on the sink's thread; idempotent. */
    void cancel();
}
