package dev.herald.hub;

import dev.herald.broker.Lanes;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.sse.SseEncoder;
import dev.herald.metrics.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client stream in the hub. Confined to its shard's loop.
 *
 * <p>It starts replaying: live events that arrive meanwhile wait in {@code pending}. When its {@link Resume.Opening}
 * comes, it writes the opening frames, then the pending events after the opening's start (by sequence), then goes
 * live; so the client sees every event once, in order, with no gap between history and live. A broker gap arrives
 * as a dispatch in the same order and is told once ({@code history-gone}), however many of its channels hear it; one
 * at or before the opening's start is left out, as the replay already said whether history was gone. It reaches its
 * hub only through its {@link SubscriberOwner}.
 */
final class Subscriber implements HubSubscription {

    /** Live events held while the replay is read; more than this and the client is dropped. */
    private static final int MAX_PENDING = 65_536;
    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);

    final Set<String> channels;
    private final SubscriberOwner owner;
    private final HeraldMetrics metrics;
    private final SseSink sink;

    /** In its shard's queue of subscribers to flush; changed by the shard only. */
    boolean unflushed;
    /**
     * Live events its shard handed it since its last flush (counted by the shard, in its backlog); given back to the
     * owner at the flush, or when it ends.
     */
    int writesOwed;
    private List<Dispatch> pending = new ArrayList<>();
    private boolean opened;
    private boolean live;
    private boolean closed;
    private boolean dirty;
    /** Per lane of the broker ({@link Lanes}), the sequence of the last event sent; -1 for none. */
    private long[] lastSequence = {-1};
    private Lanes lanes = Lanes.ONE;
    /** The id the stream last carried, which the next event's id moves on from. */
    private String sent;
    /** A gap notice was the last thing written live: another gap before any event needs no second notice. */
    private boolean gapTold;

    Subscriber(SubscriberOwner owner, Set<String> channels, SseSink sink) {
        this.owner = owner;
        this.metrics = owner.metrics();
        this.channels = channels;
        this.sink = sink;
    }

    Transport transport() {
        return sink.transport();
    }

    /** Writes the opening frame at once, so the client sees the stream open before any replay. */
    void open(byte[] retryFrame) {
        opened = true;
        if (write(retryFrame)) {
            flush();
        }
    }

    /** Queues a live event; true when it was offered to the sink, which now has something to flush. */
    boolean deliver(Dispatch dispatch) {
        if (closed) {
            return false;
        }
        if (dispatch.signal()) {
            return live && writeEvent(dispatch.frame()); // not held for the replay: a signal is about now
        }
        if (!live) {
            if (pending.size() >= MAX_PENDING) {
                drop("more than " + MAX_PENDING + " live events arrived while its replay was read");
            } else {
                pending.add(dispatch);
            }
            return false;
        }
        int lane = dispatch.gap() ? lanes.lane(dispatch.brokerGap())
                : dispatch.event() == null ? 0 : lanes.lane(dispatch.event());
        if (dispatch.sequence() <= last(lane)) {
            return false; // already sent by the replay
        }
        lastSequence[lane] = dispatch.sequence();
        if (dispatch.gap()) {
            return toldOfGap(resumePointAfter(dispatch));
        }
        gapTold = false;
        return writeEvent(frameOf(dispatch));
    }

    /** The shared frame, unless the stream carries an id of its own across lanes. */
    private byte[] frameOf(Dispatch dispatch) {
        if (dispatch.event() == null) {
            return dispatch.frame();
        }
        String own = dispatch.event().event().id();
        String id = lanes.advance(sent, dispatch.event());
        sent = id;
        return id.equals(own) ? dispatch.frame() : SseEncoder.encode(dispatch.event().event().withId(id));
    }

    /** The id after a gap's notice: the shared frame, unless the stream carries an id of its own across lanes. */
    private byte[] resumePointAfter(Dispatch gap) {
        String id = lanes.afterGap(sent, gap.brokerGap());
        sent = id;
        return id.equals(gap.brokerGap().resumeId()) ? gap.frame() : SseEncoder.lastEventId(id);
    }

    private long last(int lane) {
        if (lane >= lastSequence.length) {
            int before = lastSequence.length;
            lastSequence = Arrays.copyOf(lastSequence, lane + 1);
            Arrays.fill(lastSequence, before, lane + 1, -1);
        }
        return lastSequence[lane];
    }

    /**
     * The broker may have missed events of these channels: the {@code history-gone} notice naming them all (no
     * {@code lastEventId}: the gap is after the last event this stream sent), then the gap's id, so that the client
     * resumes after it without being told again. Gaps in a row, with no event between them (a subscription that drops
     * again as soon as it is back), are told once: the later ones only move the id.
     */
    private boolean toldOfGap(byte[] resumePoint) {
        if (gapTold) {
            return write(resumePoint); // no event since the last notice, which still says all there is to say
        }
        gapTold = true;
        metrics.historyGone();
        return writeEvent(HistoryGone.frame(null, channels)) && write(resumePoint);
    }

    /** Writes the opening frames, then the live events that waited for them, then goes live. */
    void opened(Resume.Opening opening) {
        if (closed) {
            return;
        }
        if (opening.resumed()) {
            metrics.replayServed();
        }
        if (opening.historyGone()) {
            metrics.historyGone();
        }
        for (byte[] frame : opening.events()) {
            if (!writeEvent(frame)) {
                return;
            }
        }
        if (opening.resumePoint() != null && !write(opening.resumePoint())) {
            return;
        }
        lanes = opening.lanes();
        sent = opening.sent();
        opening.laneStarts().forEach((lane, start) -> {
            last(lane);
            lastSequence[lane] = start;
        });
        live = true;
        List<Dispatch> waiting = pending;
        pending = null;
        for (Dispatch dispatch : waiting) {
            deliver(dispatch);
        }
        flush();
        if (!closed) {
            sink.caughtUp();
        }
    }

    void replayFailed(Throwable error) {
        LOG.warn("could not read history for channels " + channels
                + "; closing the stream so the client retries: " + error);
        close();
    }

    /**
     * From the moment the stream is open, also while the replay is awaited (the broker may be waiting for Redis):
     * the client must see the stream alive. Not before: the first bytes open the stream, and must come after
     * its resume point was fixed.
     *
     * <p>First, a stream whose sink has held unwritten data for longer than {@code stalledNanos} is dropped, as one
     * whose buffer is full: on a quiet channel no event would ever find it full.
     */
    void heartbeat(byte[] frame, long nowNanos, long stalledNanos) {
        if (!closed && sink.stalled(nowNanos, stalledNanos)) {
            drop("what it was sent has waited unwritten for more than " + stalledNanos / 1_000_000 + " ms");
            return;
        }
        if (opened && write(frame)) {
            metrics.heartbeatSent();
            flush();
        }
    }

    void flush() {
        settle();
        if (dirty && !closed) {
            dirty = false;
            sink.flush();
        }
    }

    @Override
    public void cancel() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        settle();
        owner.left(this);
    }

    /** What the shard handed it leaves the shard's backlog: written now, or never to be. */
    private void settle() {
        if (writesOwed > 0) {
            owner.written(writesOwed);
            writesOwed = 0;
        }
    }

    /** Ends the stream from the server side, after the frames it holds (a fan-out may not have flushed them yet). */
    void close() {
        flush();
        cancel();
        sink.close();
    }

    /** Ends the stream after what it holds and one last frame (a drain's {@code retry}). */
    void closeWith(byte[] lastFrame) {
        if (closed || !write(lastFrame)) {
            return; // ended already, or dropped as its buffer is full: it retries with what it was told before
        }
        close();
    }

    private void abort() {
        cancel();
        sink.abort();
    }

    private boolean writeEvent(byte[] frame) {
        if (write(frame)) {
            metrics.eventDelivered();
            return true;
        }
        return false;
    }

    private boolean write(byte[] frame) {
        if (closed) {
            return false;
        }
        if (!sink.offer(frame)) {
            drop("its outbound buffer is full");
            return false;
        }
        dirty = true;
        return true;
    }

    private void drop(String why) {
        if (closed) {
            return;
        }
        metrics.subscriberDropped();
        LOG.info("dropping a subscriber of " + channels + ": " + why
                + "; it will resume from its last event id");
        abort();
    }
}
