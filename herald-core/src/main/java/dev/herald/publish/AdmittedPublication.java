package dev.herald.publish;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broadcast;

/**
 * A {@link Publication} past the {@link Publisher}'s door: an event for one channel or for several, and its idempotency
 * key. Exactly one of {@code event} and {@code broadcast} is set.
 *
 * @param event          the event for one channel, or null
 * @param broadcast      the event for several channels, or null
 * @param idempotencyKey its key (checked), or null
 */
public record AdmittedPublication(AdmittedEvent event, Broadcast broadcast, String idempotencyKey) {

    public AdmittedPublication {
        if ((event == null) == (broadcast == null)) {
            throw new IllegalArgumentException("an admitted publication is an event or a broadcast");
        }
    }
}
