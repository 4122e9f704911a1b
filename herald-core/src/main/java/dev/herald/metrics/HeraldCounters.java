package dev.herald.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The totals a node reports about itself ({@code Hub.stats()}, {@code Herald.stats()}), counted from the same calls a
 * metrics system receives, so the two never disagree: streams open now (in all and by transport), events published,
 * dispatched and delivered, subscribers dropped, requests refused by reason. The other calls it ignores. Thread-safe; a call is one increment.
 *
 * <p>Beside another implementation, through {@link HeraldMetrics#both}.
 */
public final class HeraldCounters implements HeraldMetrics {

    private final LongAdder streamsOpen = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder dispatched = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder slowed = new LongAdder();
    private final Map<Transport, LongAdder> byTransport = adders(Transport.class);
    private final Map<Refusal, LongAdder> refusals = adders(Refusal.class);

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            map.put(value, new LongAdder());
        }
        return map; // never changed after this: read from any thread
    }

    @Override
    public void streamOpened(Transport transport) {
        streamsOpen.increment();
        byTransport.get(transport).increment();
    }

    @Override
    public void streamClosed(Transport transport) {
        streamsOpen.decrement();
        byTransport.get(transport).decrement();
    }

    @Override
    public void refused(Refusal reason) {
        refusals.get(reason).increment();
    }

    @Override
    public void published() {
        published.increment();
    }

    @Override
    public void eventDispatched() {
        dispatched.increment();
    }

    @Override
    public void eventDelivered() {
        delivered.increment();
    }

    @Override
    public void subscriberDropped() {
        dropped.increment();
    }

    @Override
    public void publishSlowed() {
        slowed.increment();
    }

    /** Publishes that waited for room under the delivery backlog (refused ones included). */
    public long publishesSlowed() {
        return slowed.sum();
    }

    /** Streams and polls open now, whatever their transport. */
    public long streamsOpen() {
        return streamsOpen.sum();
    }

    /** Events the broker accepted through {@link #published()} calls. */
    public long eventsPublished() {
        return published.sum();
    }

    /** Events received from the broker for channels with local clients. */
    public long eventsDispatched() {
        return dispatched.sum();
    }

    /** Event frames queued to clients, replayed ones and history-gone notices included. */
    public long eventsDelivered() {
        return delivered.sum();
    }

    /** Clients disconnected because their outbound buffer overflowed (or stalled past the slow-client timeout, or too much waited behind their replay). */
    public long subscribersDropped() {
        return dropped.sum();
    }

    /** Streams and polls open now of one transport. */
    public long streamsOpen(Transport transport) {
        return byTransport.get(transport).sum();
    }

    /** Requests refused so far for {@code reason}. */
    public long refusals(Refusal reason) {
        return refusals.get(reason).sum();
    }
}
