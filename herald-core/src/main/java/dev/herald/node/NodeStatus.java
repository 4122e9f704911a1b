package dev.herald.node;

import dev.herald.broker.ChannelNames;
import dev.herald.hub.Hub;
import dev.herald.metrics.HeraldCounters;
import dev.herald.metrics.Refusal;
import dev.herald.metrics.Transport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What one node reports about itself at an instant: the console's {@code event: node}. Totals count from the node's
 * start (a reader derives rates from two snapshots); the streams and channels are those open now. Channels reserved to
 * Herald ({@link ChannelNames#isReserved}) are left out of {@link #channels} and {@link #topChannels}; the streams
 * reading them (the console's own) count in {@link #streams}, as they are streams this node serves.
 *
 * @param node            the node's id, as its operator named it (option {@code node-id}) or as derived
 * @param timeMillis      when the snapshot was taken, in milliseconds since the epoch
 * @param broker          the broker's kind ({@link dev.herald.broker.BrokerFactory#kind()})
 * @param brokerConnected false while the broker's connection to its store is lost
 * @param draining        whether the node drains for its stop
 * @param streams         streams and polls open now, by transport
 * @param channels        channels with at least one stream open on this node
 * @param published       events published through this node (its own status announcements left out)
 * @param delivered       event frames queued to clients
 * @param dropped         clients dropped for being too slow
 * @param refused         requests refused, by reason
 * @param topChannels     the channels with the most streams on this node, at most the number asked, most first
 */
public record NodeStatus(String node, long timeMillis, String broker, boolean brokerConnected, boolean draining,
                         Map<Transport, Long> streams, int channels, long published, long delivered, long dropped,
                         Map<Refusal, Long> refused, List<ChannelCount> topChannels) {

    /**
     * A channel and its streams on this node.
     *
     * @param channel its name
     * @param streams streams and polls open on it now
     */
    public record ChannelCount(String channel, int streams) {
        /** Most streams first, then by name. */
        public static final Comparator<ChannelCount> MOST_FIRST = Comparator.comparingInt(ChannelCount::streams)
                .reversed().thenComparing(ChannelCount::channel);
    }

    /** Every client channel (reserved ones left out) of {@code hub} with its streams, in no order. */
    public static List<ChannelCount> channelsOf(Hub hub) {
        List<ChannelCount> all = new ArrayList<>();
        hub.channelStreams((channel, streams) -> {
            if (!ChannelNames.isReserved(channel)) {
                all.add(new ChannelCount(channel, streams));
            }
        });
        return all;
    }

    /** The {@code top} channels of {@code all} with the most streams, most first: a bounded heap, one pass. */
    public static List<ChannelCount> top(List<ChannelCount> all, int top) {
        PriorityQueue<ChannelCount> heap = new PriorityQueue<>(Math.max(1, top + 1), ChannelCount.MOST_FIRST.reversed());
        for (ChannelCount count : all) {
            heap.add(count);
            if (heap.size() > top) {
                heap.poll();
            }
        }
        List<ChannelCount> best = new ArrayList<>(heap);
        best.sort(ChannelCount.MOST_FIRST);
        return best;
    }

    /** The snapshot of {@code node} now, with its {@code top} busiest channels. */
    static NodeStatus of(Node node, String nodeId, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
        HeraldCounters counters = node.counters();
        Map<Transport, Long> streams = new EnumMap<>(Transport.class);
        for (Transport transport : Transport.values()) {
            streams.put(transport, counters.streamsOpen(transport));
        }
        Map<Refusal, Long> refused = new EnumMap<>(Refusal.class);
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, counters.refusals(reason));
        }
        // One pass, no list of every channel: a channel that cannot make the top is counted and left at once.
        PriorityQueue<ChannelCount> heap = new PriorityQueue<>(top + 1, ChannelCount.MOST_FIRST.reversed());
        int[] channels = {0};
        node.hub().channelStreams((channel, count) -> {
            if (ChannelNames.isReserved(channel)) {
                return;
            }
            channels[0]++;
            if (heap.size() == top && count < heap.peek().streams()) {
                return;
            }
            heap.add(new ChannelCount(channel, count));
            if (heap.size() > top) {
                heap.poll();
            }
        });
        List<ChannelCount> busiest = new ArrayList<>(heap);
        busiest.sort(ChannelCount.MOST_FIRST);
        return new NodeStatus(nodeId, System.currentTimeMillis(), node.brokerKind(), node.brokerConnected(),
                node.draining(), streams, channels[0], counters.eventsPublished(), counters.eventsDelivered(),
                counters.subscribersDropped(), refused, busiest);
    }
}
