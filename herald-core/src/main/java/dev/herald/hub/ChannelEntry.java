package dev.herald.hub;

import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.Gap;
import dev.herald.broker.StoredEvent;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.sse.SseEncoder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients of one channel (or pattern) on this node, all loops together, and the hub's listener of it at the
 * broker: each event is encoded once and handed to every loop with clients of it; a {@link Gap} goes to the same
 * loops, in order with the events, and each stream there tells its client ({@link Subscriber}). Its counts are
 * changed only inside the hub's {@code channels.compute}; the listener runs on the broker's thread.
 */
final class ChannelEntry implements BrokerListener {

    final Set<LoopShard> shards = ConcurrentHashMap.newKeySet();
    final Map<LoopShard, Integer> perShard = new HashMap<>();
    /** The sum of {@link #perShard}, kept beside it so that any thread may read it ({@code Hub.channelStreams}). */
    volatile int streams;
    CompletionStage<BrokerSubscription> brokerSubscription;

    /** What the hub subscribed to at the broker: the channel, or a pattern. */
    private final String subscription;
    private final HeraldMetrics metrics;
    /** The hub's newest gap counted, shared by its entries, so a gap that every entry hears is counted once. */
    private final AtomicLong lastGapCounted;

    ChannelEntry(String subscription, HeraldMetrics metrics, AtomicLong lastGapCounted) {
        this.subscription = subscription;
        this.metrics = metrics;
        this.lastGapCounted = lastGapCounted;
    }

    /** An event for the subscribers of this entry: of its channel, or of a pattern matching it. */
    @Override
    public void onEvent(StoredEvent event) {
        if (shards.isEmpty()) {
            return;
        }
        metrics.eventDispatched();
        Dispatch dispatch = new Dispatch(subscription, event, SseEncoder.encode(event.event()), System.nanoTime());
        for (LoopShard shard : shards) {
            shard.enqueue(dispatch, streams);
        }
    }

    /** The broker may have missed events: every stream of this entry is told, once, however many entries it has. */
    @Override
    public void onGap(Gap gap) {
        if (lastGapCounted.getAndAccumulate(gap.sequence(), Math::max) < gap.sequence()) {
            metrics.brokerGap();
        }
        if (shards.isEmpty()) {
            return;
        }
        Dispatch dispatch = Dispatch.gap(subscription, gap, System.nanoTime());
        for (LoopShard shard : shards) {
            shard.enqueue(dispatch, streams);
        }
    }
}
