package dev.herald.redis.cstreams;

import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.ChannelListeners;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.Gap;
import dev.herald.broker.StoredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The listeners of one node, by partition: a channel's listeners in its partition, a pattern's in every partition (a
 * pattern may match a channel of any). So an event reaches the listeners of its partition once, and a {@link Gap} of
 * one partition is told to the listeners of that partition's channels and to the patterns, not to everyone.
 *
 * <p>Safe from any thread, as {@link ChannelListeners} is.
 */
final class PartitionListeners {

    private final ChannelListeners[] byPartition = new ChannelListeners[Partitions.COUNT];

    PartitionListeners() {
        for (int p = 0; p < Partitions.COUNT; p++) {
            byPartition[p] = new ChannelListeners();
        }
    }

    /** Registers a listener of a channel or a pattern; the subscription removes it once. */
    BrokerSubscription add(String channel, BrokerListener listener) {
        if (!ChannelNames.isPattern(channel)) {
            return byPartition[Partitions.of(channel)].add(channel, listener);
        }
        List<BrokerSubscription> each = new ArrayList<>(Partitions.COUNT);
        for (ChannelListeners partition : byPartition) {
            each.add(partition.add(channel, listener));
        }
        return BrokerSubscription.once(() -> each.forEach(BrokerSubscription::cancel));
    }

    /** Hands an event to the listeners of its channel and of the patterns matching it. */
    void deliver(StoredEvent event) {
        byPartition[Stamps.partition(event.sequence())].deliver(event);
    }

    /** Tells a gap of one partition to the listeners of its channels and to every pattern's. */
    void gap(int partition, Gap gap) {
        byPartition[partition].gap(gap);
    }

    /** Whether anyone listens to the channel, by its name or by a pattern. */
    boolean receives(String channel) {
        return byPartition[Partitions.of(channel)].receives(channel);
    }

    /** The channels someone listens to, as they are now. */
    Set<String> channels() {
        Set<String> channels = new HashSet<>();
        for (ChannelListeners partition : byPartition) {
            channels.addAll(partition.channels());
        }
        return channels;
    }

    /** The patterns someone listens to, as they are now. */
    Set<String> patterns() {
        return byPartition[0].patterns();
    }
}
