package dev.herald.hub;

import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Transport;
import java.util.concurrent.atomic.AtomicLong;

/** Counts each call, for tests that check who reports what. */
final class CountingMetrics implements HeraldMetrics {

    final AtomicLong opened = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    final AtomicLong dispatched = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();
    final AtomicLong replays = new AtomicLong();
    final AtomicLong historyGone = new AtomicLong();
    final AtomicLong brokerGaps = new AtomicLong();
    final AtomicLong latencies = new AtomicLong();

    @Override
    public void streamOpened(Transport transport) {
        opened.incrementAndGet();
    }

    @Override
    public void streamClosed(Transport transport) {
        closed.incrementAndGet();
    }

    @Override
    public void eventDispatched() {
        dispatched.incrementAndGet();
    }

    @Override
    public void eventDelivered() {
        delivered.incrementAndGet();
    }

    @Override
    public void subscriberDropped() {
        dropped.incrementAndGet();
    }

    @Override
    public void heartbeatSent() {
        heartbeats.incrementAndGet();
    }

    @Override
    public void replayServed() {
        replays.incrementAndGet();
    }

    @Override
    public void historyGone() {
        historyGone.incrementAndGet();
    }

    @Override
    public void brokerGap() {
        brokerGaps.incrementAndGet();
    }

    @Override
    public void deliveryLatency(long nanos) {
        latencies.incrementAndGet();
    }
}
