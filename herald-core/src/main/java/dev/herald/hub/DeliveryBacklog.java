package dev.herald.hub;

import dev.herald.metrics.HeraldMetrics;
import java.util.Collection;

/**
 * The node's delivery backlog, in stream writes: the live events queued to each event loop and those it handed to its
 * streams but has not written yet (one write per stream), on the loop that owes the most. A loop publishes its count at
 * the end of each pass over its queue and each heartbeat tick; then the metrics ({@code publishBacklog}) and the
 * listener are told. What waits in a client's own connection is not counted: that is the slow-client rule's.
 */
public final class DeliveryBacklog {

    private final Collection<LoopShard> shards;
    private final HeraldMetrics metrics;
    private volatile Runnable listener = () -> { };

    /** @param shards a live view of the hub's shards */
    DeliveryBacklog(Collection<LoopShard> shards, HeraldMetrics metrics) {
        this.shards = shards;
        this.metrics = metrics;
    }

    /** The busiest loop's writes owed, as of its last pass. Any thread; a read per loop. */
    public long writes() {
        long most = 0;
        for (LoopShard shard : shards) {
            most = Math.max(most, shard.backlog());
        }
        return most;
    }

    /**
     * Runs {@code newListener} on a loop after each of its passes (and heartbeat ticks), once {@link #writes()}
     * reflects it: where publishers waiting for room are let through. It must be quick; it replaces the one before.
     */
    public void onPass(Runnable newListener) {
        listener = newListener;
    }

    /** A loop ended a pass over its queue (or a heartbeat tick): on that loop. */
    void passed() {
        metrics.publishBacklog(writes());
        listener.run();
    }
}
