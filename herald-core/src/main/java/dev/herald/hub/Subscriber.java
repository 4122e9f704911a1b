package dev.herald.hub;

import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client stream in the hub. Confined to its shard's loop.
 *
 * <p>It starts replaying: live events that arrive meanwhile wait in {@code pending}. When its {@link Resume.Opening}
 * comes, it writes the opening frames, then the pending events after the opening's start (by sequence), then goes
 * live; so the client sees every event once, in order, with no gap between history and live. It reaches its hub
 * only through its {@link SubscriberOwner}.
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
    private long lastSequence = -1;

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
        if (dispatch.sequence() <= lastSequence) {
            return false; // already sent by the replay
        }
        lastSequence = dispatch.sequence();
        return writeEvent(dispatch.frame());
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
        lastSequence = opening.startAfter();
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
