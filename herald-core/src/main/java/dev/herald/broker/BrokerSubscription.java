package dev.herald.broker;

import java.util.concurrent.atomic.AtomicBoolean;

/** A listener's registration with a broker. */
public interface BrokerSubscription {

    /** Stops delivery to the listener; idempotent. */
    void cancel();

    /** A subscription whose cancel runs {@code cancellation} the first time only. */
    static BrokerSubscription once(Runnable cancellation) {
        AtomicBoolean cancelled = new AtomicBoolean();
        return () -> {
            if (cancelled.compareAndSet(false, true)) {
                cancellation.run();
            }
        };
    }
}
