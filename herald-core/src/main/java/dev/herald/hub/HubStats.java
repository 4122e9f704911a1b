package dev.herald.hub;

/**
 * Counters of a hub since it started.
 *
 * @param connections        streams open now
 * @param eventsDispatched   events received from the broker for channels with local subscribers
 * @param eventsDelivered    event frames queued to clients (replayed ones included)
 * @param subscribersDropped clients disconnected because their outbound buffer overflowed or they stalled
 *                           past {@link HubOptions#SLOW_CLIENT_TIMEOUT}
 */
public record HubStats(long connections, long eventsDispatched, long eventsDelivered, long subscribersDropped) {
}
