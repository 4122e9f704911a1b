package dev.herald.vertx;

/**
 * Counters of one {@link Herald} since it was built.
 *
 * @param streamsOpen        event streams open now
 * @param eventsPublished    events the broker accepted through this Herald's publish API and routes
 * @param eventsDispatched   events the broker delivered to this node for channels with local streams
 * @param eventsDelivered    event frames queued to streams (replayed ones included)
 * @param subscribersDropped streams closed because the client fell further behind than the buffer limit, or what
 *                           it was sent waited unwritten longer than the slow-client timeout
 */
public record HeraldStats(long streamsOpen, long eventsPublished, long eventsDispatched, long eventsDelivered,
                          long subscribersDropped) {
}
