package dev.herald.redis.cstreams;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The order of the partitioned Streams broker: each event's stamp, in µs since 1970, a hybrid clock. A node proposes
 * its wall clock, but at least one past the newest stamp it has seen; {@code publish.lua} takes that, but at least one
 * past its partition's newest. So within a partition stamps only grow (the stream entry ids), and events one node
 * publishes one after the other get growing stamps whatever their partitions; across nodes stamps follow the clocks.
 *
 * <p>A {@link dev.herald.broker.StoredEvent#sequence() sequence} is {@code stamp × 16 + partition}: unique across
 * partitions, ordered by stamp, and its partition (its {@link dev.herald.broker.Lanes lane}) read back by
 * {@link #partition}. Safe from any thread.
 */
final class Stamps {

    private final LongSupplier clockMicros;
    /** The newest sequence seen, packed; 0 before the first. */
    private final AtomicLong newest = new AtomicLong();

    /** @param clockMicros the wall clock in µs since 1970 */
    Stamps(LongSupplier clockMicros) {
        this.clockMicros = clockMicros;
    }

    /** The wall clock in µs, for {@link #Stamps}. */
    static long systemMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** The stamp this node proposes for its next publish. */
    long candidate() {
        return Math.max(clockMicros.getAsLong(), stampOf(newest.get()) + 1);
    }

    /** Notes a sequence Redis reported and returns it. */
    long seen(long sequence) {
        newest.accumulateAndGet(sequence, Math::max);
        return sequence;
    }

    /** The newest sequence seen so far. */
    long newest() {
        return newest.get();
    }

    static long sequence(long stamp, int partition) {
        return stamp * Partitions.COUNT + partition;
    }

    static long stampOf(long sequence) {
        return sequence / Partitions.COUNT;
    }

    static int partition(long sequence) {
        return (int) (sequence % Partitions.COUNT);
    }
}
