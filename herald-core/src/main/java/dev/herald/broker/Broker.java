package dev.herald.broker;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Carries events from publishers to the hub of every node, in one order, and keeps a bounded history to resume
 * from. Implementations: {@link dev.herald.broker.memory.MemoryBroker} (one process),
 * {@link dev.herald.broker.relay.RelayedBroker} (a memory broker per node behind a relay such as Redis Pub/Sub) and
 * the Redis Streams broker (history in Redis). One suite, {@code BrokerContract}, proves every promise below
 * against each of them.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li><b>Admission is done.</b> {@link #publish} takes an {@link AdmittedEvent}, whose rules were checked when it
 *       was built; a broker refuses no event for its content.</li>
 *   <li><b>One order.</b> Every event a broker holds has a {@link StoredEvent#sequence() sequence}: its position in
 *       one order across all channels of this broker instance (this node). Larger is later; no two events share
 *       one. Sequences compare only within one broker instance: they are not ids and never leave the process. Every
 *       listener receives the events of its channel in this order, each once. Events published one after the
 *       other (the second after the first completed) are in that order.</li>
 *   <li><b>A completed publish</b> has been stored in history and handed to every listener whose
 *       {@link #subscribe} had completed before {@link #publish} was called; the stage yields the event with its id
 *       and sequence. A stage failed with {@link BrokerUnavailableException} means the broker could not confirm
 *       the event: whether it reached anyone is unknown (a backend may have taken it just before its connection
 *       failed), so a publisher that must not lose it publishes again, with its own id if duplicates matter. After
 *       {@link #close} publishing fails with {@link IllegalStateException}.</li>
 *   <li><b>Ids.</b> An event published without an id gets one from the broker, unique within its history;
 *       a publisher's own id is kept as it is. {@link #replay} resumes from any id the broker gave, and from a
 *       publisher's own id while history still holds that event.</li>
 *   <li><b>Replay without gap or duplicate.</b> {@link #replay} returns the events after the client's id on the
 *       given channels, oldest first, up to and including {@link Replay#headSequence()}; a listener subscribed
 *       before the replay was asked for receives live every event after that head. So: subscribe, replay, then
 *       the live events above the head, and nothing is missed or repeated. When the id is unknown here, or
 *       history no longer holds everything after it, the replay says {@link Replay#historyGone() history gone}
 *       and holds what history still has.</li>
 *   <li><b>The newest events, then live, without gap or duplicate.</b> {@link #latest} returns at most {@code count}
 *       events: the newest ones history holds on the given channels, merged in order, oldest first, up to and
 *       including {@link Replay#headSequence()}; a listener subscribed before they were asked for receives live
 *       every event after that head. It never says history gone: it asks for nothing that history may have lost.</li>
 *   <li><b>Outages</b> of a backend never fail {@link #subscribe}: it completes once delivery is active again.
 *       No gap is silent: whatever a broker may have missed is a {@link Gap}, told to every listener of every channel
 *       and pattern ({@link BrokerListener#onGap}) in order with the events, before anything delivered after it; a
 *       {@link #replay} from an id before it says history gone, one from its {@link Gap#resumeId()} does not;
 *       {@link #latest} is unchanged. How much is missed is where the mechanisms differ: the memory broker has no
 *       backend and no gap; a relayed broker does not receive what other nodes publish while its relay is down (a
 *       relay keeps nothing), so it tells a gap each time its relay is back; the Streams broker reads what it missed
 *       from Redis and delivers it, in order, before going live again, and tells a gap only when Redis lost it (its
 *       data set was replaced, or a stream trimmed past what was delivered). A gap may be told where nothing was
 *       missed (a channel nobody published on meanwhile), never hidden. {@code BrokerOutageContract} proves it for
 *       a broker whose backend a test can cut.</li>
 *   <li><b>Channels let go of.</b> A broker that receives a channel's events only while this node holds it (a relayed
 *       broker holds a channel while a listener or a publish needs it, and for a linger after) has no history of what
 *       was published there while it did not: a {@link #replay} naming such a channel (or pattern) from an id from
 *       before it was held again says history gone and holds what history still has; one while it is not held says
 *       history gone from any id. No live listener had that gap, so none is told. {@code BrokerReleaseContract}
 *       proves it for a broker whose test can publish from another node.</li>
 * </ul>
 */
public interface Broker extends AutoCloseable {

    /**
     * Whether this broker takes patterns ({@link ChannelNames#isPattern}, {@code orders.*}) where a channel is named:
     * {@link #subscribe} then delivers every event of a channel the pattern {@link ChannelNames#receives matches}, and
     * {@link #replay} and {@link #latest} read every such channel history holds. The same promises of order, replay
     * and head hold. By default false: the serving core refuses a pattern subscription with a 400 naming the broker's
     * limit, and nothing here is called with a pattern.
     */
    default boolean matchesPatterns() {
        return false;
    }

    /**
     * How this broker's order splits into lanes and which ids streams carry across them; {@link Lanes#ONE} (one order,
     * each event's own id) unless history is partitioned. The promises of order and replay above then hold per lane.
     */
    default Lanes lanes() {
        return Lanes.ONE;
    }

    /** Stores and delivers an event; see the contract above for what completion and failure mean. */
    CompletionStage<StoredEvent> publish(AdmittedEvent event);

    /**
     * Whether {@link #broadcast} is available: by default false, and the publisher refuses an event on several
     * channels with a 400 naming the broker's limit.
     */
    default boolean broadcasts() {
        return false;
    }

    /**
     * Stores and delivers one event on every channel of {@code broadcast}: one sequence and one id, in the history of
     * each channel (a replay of any of them, or of several, holds it once), handed to the listeners of each channel
     * with that one sequence (a listener of two of them is called twice with the same sequence; the hub sends it
     * once). Completion and failure as for {@link #publish}; the stage yields the event as stored on the first channel.
     * All or nothing as the mechanism allows: see each implementation.
     *
     * @throws UnsupportedOperationException (in the stage) when {@link #broadcasts()} is false
     */
    default CompletionStage<StoredEvent> broadcast(Broadcast broadcast) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedOperationException("this broker publishes an event on one channel at a time"));
    }

    /**
     * Registers a listener for a channel's live events; the stage completes once delivery is active. A broker
     * whose backend is briefly unreachable does not fail the stage: it completes when delivery is active again.
     */
    CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener);

    /**
     * The events after {@code lastEventId} on the given channels, merged in order.
     *
     * @param lastEventId the client's last event id, or {@code null} for a new client (no events, only the head)
     */
    CompletionStage<Replay> replay(Set<String> channels, String lastEventId);

    /**
     * The newest events on the given channels, for a client that asks to be shown the last few before going live.
     *
     * @param count how many at most, from 0 (then only the head)
     * @return the newest at most {@code count} events history holds on {@code channels}, oldest first, with the
     *         head they were read at; {@link Replay#historyGone()} is {@code false}
     */
    CompletionStage<Replay> latest(Set<String> channels, int count);

    /** Releases what the broker holds; publishing afterwards fails. */
    @Override
    void close();
}
