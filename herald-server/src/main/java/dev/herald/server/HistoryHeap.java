package dev.herald.server;

import dev.herald.broker.HistoryPolicy;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.redis.BrokerOptions;

/**
 * The start's check that the history this node keeps fits its heap: the budget ({@link HistoryPolicy#HISTORY_MEMORY})
 * may take at most half of the largest heap the JVM will have ({@code -Xmx}, {@link Runtime#maxMemory()}). The other
 * half holds the streams, Herald itself, and the garbage of the publishes that fill the history; a node given less
 * would run out of memory under a steady publisher instead of refusing at start. Redis Streams mode keeps its history
 * in Redis, and passes.
 */
final class HistoryHeap {

    private HistoryHeap() {
    }

    /**
     * Checks that the history {@code broker} keeps on this node fits a heap of {@code maxHeapBytes}.
     *
     * @throws InvalidOptionException naming {@code history-memory} when its budget is over half of {@code maxHeapBytes}
     */
    static void check(BrokerOptions broker, long maxHeapBytes) {
        long bytes = bytesOnThisNode(broker);
        if (2L * bytes <= maxHeapBytes) {
            return;
        }
        long mebibyte = 1024 * 1024;
        Option<Integer> budget = HistoryPolicy.HISTORY_MEMORY;
        throw new InvalidOptionException(budget.key(), "must be at most half of the heap ("
                + maxHeapBytes / 2 / mebibyte + "MiB of a " + maxHeapBytes / mebibyte + " MiB heap), got "
                + budget.format((int) bytes) + "; give the JVM a larger -Xmx (bin/herald sizes the heap for "
                + "history-memory) or keep less history");
    }

    /** The heap the history of {@code broker} may take on this node: its budget, or 0 in Redis Streams mode. */
    static long bytesOnThisNode(BrokerOptions broker) {
        if (broker instanceof BrokerOptions.Memory memory) {
            return memory.history().maxBytes();
        }
        if (broker instanceof BrokerOptions.RedisPubSub pubSub) {
            return pubSub.history().maxBytes();
        }
        if (broker instanceof BrokerOptions.RedisClusterPubSub cluster) {
            return cluster.history().maxBytes();
        }
        return 0; // Redis Streams: the history is in Redis, bounded by its MAXLEN
    }
}
