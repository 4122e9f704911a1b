package dev.herald.redis.cstreams;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one node knows existed in each partition, and the losses an event shows against it: every publish replies, and
 * every announcement carries, the partition's newest stamp before the event ({@code before}); stamps grow within a
 * partition, so a stamp known to have existed between {@code before} and the event's own was lost (the partition went
 * back to an older state: a failover to a replica that lacked it, or its data replaced).
 *
 * <p>Safe from any thread.
 */
final class KnownStamps {

    /** Per partition, the newest stamp known to have existed; 0 before any. */
    private final AtomicLongArray newest = new AtomicLongArray(Partitions.COUNT);
    /**
     * Per partition, stamps this node published and Redis acknowledged that no later event has settled yet: its own
     * publishes in flight, about; each check drops those before the event it checks.
     */
    private final List<NavigableSet<Long>> acknowledged = new ArrayList<>();

    KnownStamps() {
        for (int p = 0; p < Partitions.COUNT; p++) {
            acknowledged.add(new ConcurrentSkipListSet<>());
        }
    }

    /** A stamp that existed in a partition: an event delivered, a head read. */
    void existed(int partition, long stamp) {
        newest.accumulateAndGet(partition, stamp, Math::max);
    }

    /** The newest stamp known to have existed in a partition; 0 for none. */
    long newest(int partition) {
        return newest.get(partition);
    }

    /**
     * Redis acknowledged this node's publish of {@code stamp}. Its own earlier ones it settles: {@code publish.lua}
     * checked the partition against the newest known, which covers them.
     */
    void acknowledged(int partition, long stamp) {
        NavigableSet<Long> mine = acknowledged.get(partition);
        mine.headSet(stamp).clear();
        mine.add(stamp);
        existed(partition, stamp);
    }

    /**
     * The newest stamp known to have existed strictly between {@code before} and {@code stamp} in the partition, of
     * this node's acknowledged publishes and of {@code delivered} (the last stamp this node delivered there, 0 if it does
     * not listen); 0 when there is none: the event shows no loss. Drops the acknowledged stamps before {@code stamp},
     * which this event settles (kept, or now found lost).
     */
    long lostBetween(int partition, long before, long stamp, long delivered) {
        NavigableSet<Long> mine = acknowledged.get(partition);
        Long newestMine = mine.lower(stamp);
        mine.headSet(stamp).clear();
        long known = Math.max(newestMine == null ? 0 : newestMine, delivered < stamp ? delivered : 0);
        return known > before ? known : 0;
    }
}
