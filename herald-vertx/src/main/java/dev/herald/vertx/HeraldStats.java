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
 * @param publishesSlowed    publishes that waited for room under the delivery backlog ({@code publish-backlog}), those
 *                           refused with 503 after {@code publish-wait} included
 */
public record HeraldStats(long streamsOpen, long eventsPublished, long eventsDispatched, long eventsDelivered,
                          long subscribersDropped, long publishesSlowed) {
}
