package dev.herald.metrics;

/**
 * What Herald reports as it works, for a metrics system to count; the core depends on no metrics library.
 *
 * <p>Every method is called often, from event loops, the heartbeat timer and the broker's threads: an implementation
 * must be thread-safe, must not block and should not allocate (an increment of a counter). The hub, the subscribers
 * and the publisher call these methods; see {@code docs/ARCHITECTURE.md}, "Metrics". {@link HeraldCounters} is the
 * built-in implementation the node's own totals come from.
 */
public interface HeraldMetrics {

    /** Counts nothing. */
    HeraldMetrics NONE = new HeraldMetrics() {
    };

    /**
     * Reports every call to {@code first}, then to {@code second}: e.g. the node's own {@link HeraldCounters} beside
     * Micrometer's meters. {@link #NONE} on either side is left out, so it costs nothing.
     */
    static HeraldMetrics both(HeraldMetrics first, HeraldMetrics second) {
        if (second == NONE) {
            return first;
        }
        return first == NONE ? second : new TeeMetrics(first, second);
    }

    /** A client stream (or poll) was opened on this node. */
    default void streamOpened(Transport transport) {
    }

    /** A client stream (or poll) ended, for any reason (the client left, it was dropped, the server closed it). */
    default void streamClosed(Transport transport) {
    }

    /** A request was refused, for {@code reason}. */
    default void refused(Refusal reason) {
    }

    /** An event arrived from the broker for a channel with local subscribers. */
    default void eventDispatched() {
    }

    /** An event frame was queued to one client (a replayed one included). */
    default void eventDelivered() {
    }

    /** A client was disconnected because its outbound buffer overflowed, or stalled past the slow-client timeout. */
    default void subscriberDropped() {
    }

    /** A heartbeat comment was queued to one client. */
    default void heartbeatSent() {
    }

    /** A client that came back with a {@code Last-Event-ID} was served the history after it. */
    default void replayServed() {
    }

    /**
     * A client was told {@code history-gone}: it resumed from an id older than the history kept, or its live stream
     * was told of a broker gap.
     */
    default void historyGone() {
    }

    /**
     * The broker told this node of a gap ({@link dev.herald.broker.Gap}): its backend may have lost events for a while
     * (a Redis subscription dropped and came back, Redis lost its data), and every live stream of the node was told
     * ({@code history-gone}). Counted once per gap, however many streams were told; each of those counts as
     * {@link #historyGone()}.
     */
    default void brokerGap() {
    }

    /** The broker accepted an event published through this node. */
    default void published() {
    }

    /**
     * The node's delivery backlog now, in stream writes ({@code DeliveryBacklog}): told after each pass of an event loop
     * over its queue, so often; a gauge keeps the last value.
     */
    default void publishBacklog(long writes) {
    }

    /** A publish waited for room under the node's delivery backlog ({@code publish-backlog}) before the broker. */
    default void publishSlowed() {
    }

    /**
     * The time from the moment this node received a live event from its broker to the moment its frame was queued to
     * the clients of one event loop. With the memory broker the event is received as it is published.
     */
    default void deliveryLatency(long nanos) {
    }

    /**
     * The broker's connection to its remote store changed: {@code true} once it connects at start and each time it
     * is restored, {@code false} when it is lost. Never called for the memory broker.
     */
    default void brokerConnection(boolean connected) {
    }

    /**
     * In Redis Pub/Sub mode: the channels and patterns this node keeps subscribed on Redis for nobody now, waiting out
     * {@code redis-linger} ({@code dev.herald.broker.relay.RelayOptions}); told at every sweep of them (every quarter
     * of the linger, at most every second), a gauge keeps the last value. Never called for the other brokers.
     */
    default void channelsLingering(int channels) {
    }

    /**
     * Presence as this node sees every node now, about once a second: the channels with a stream on any node, and the
     * distinct token subjects holding those streams ({@code dev.herald.presence.Presence}).
     */
    default void presence(int channels, int subjects) {
    }
}
