package dev.herald.hub;

import dev.herald.broker.Gap;
import dev.herald.broker.StoredEvent;
import dev.herald.sse.SseEncoder;

/**
 * A live event on its way to the shards, with its frame encoded once for every subscriber; or a signal (see
 * {@link Hub#signal}): an event of this node's own, with no id and no place in the broker's order; or a broker
 * {@link Gap}, in the broker's order like an event, whose frame is only the id a client resumes from after it (each
 * stream writes the {@code history-gone} notice naming its own channels before it).
 *
 * @param subscription  what the hub subscribed to at the broker and its shards list subscribers under: the event's
 *                      channel, or a pattern matching it (a signal's is its channel)
 * @param channel       the channel it is for
 * @param sequence      its place in the broker's order; {@link #SIGNAL} for a signal
 * @param frame         the encoded event
 * @param receivedNanos when the hub received it from the broker ({@link System#nanoTime()}), for the delivery latency
 * @param event         the event itself, for a stream that sends it with an id line of its own ({@link
 *                      dev.herald.broker.Lanes}); {@code null} for a signal or a gap
 * @param brokerGap     the broker gap this is, rather than an event; {@code null} for an event or a signal
 */
record Dispatch(String subscription, String channel, long sequence, byte[] frame, long receivedNanos,
        StoredEvent event, Gap brokerGap) {

    /** The sequence of a signal. */
    static final long SIGNAL = Long.MIN_VALUE;

    /** A dispatch of {@code event} to the subscribers of {@code subscription}: its channel or a pattern matching it. */
    Dispatch(String subscription, StoredEvent event, byte[] frame, long receivedNanos) {
        this(subscription, event.channel(), event.sequence(), frame, receivedNanos, event, null);
    }

    /** A dispatch to the subscribers of the event's own channel. */
    Dispatch(StoredEvent event, byte[] frame, long receivedNanos) {
        this(event.channel(), event, frame, receivedNanos);
    }

    /** A signal to the subscribers of {@code channel} itself. */
    static Dispatch signal(String channel, byte[] frame, long receivedNanos) {
        return new Dispatch(channel, channel, SIGNAL, frame, receivedNanos, null, null);
    }

    /** A gap for the subscribers of {@code subscription}: its frame is {@code id: <the gap's resume id>}. */
    static Dispatch gap(String subscription, Gap gap, long receivedNanos) {
        return new Dispatch(subscription, subscription, gap.sequence(), SseEncoder.lastEventId(gap.resumeId()),
                receivedNanos, null, gap);
    }

    /** Whether this is a broker gap. */
    boolean gap() {
        return brokerGap != null;
    }

    boolean signal() {
        return sequence == SIGNAL;
    }
}
