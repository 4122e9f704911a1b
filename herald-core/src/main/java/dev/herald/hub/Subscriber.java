package dev.herald.hub;

import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.metrics.Transport;
import dev.herald.sse.SseEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One client stream in the hub. Confined to its shard's loop.
 *
 * <p>It starts replaying: live events that arrive meanwhile wait in {@code pending}. When the replay comes,
 * it writes the replayed events, then the pending ones it has not already sent (by sequence), then goes
 * live; so the client sees every event once, in order, with no gap between history and live.
 */
final class Subscriber implements HubSubscription {

    /** Live events held while the replay is read; more than this and the client is dropped. */
    private static final int MAX_PENDING = 65_536;
    private static final System.Logger LOG = System.getLogger(Subscriber.class.getName());

    final Set<String> channels;
    private final Hub hub;
    private final LoopShard shard;
    private final SseSink sink;

    /** In its shard's queue of subscribers to flush; changed by the shard only. */
    boolean unflushed;
    private List<Dispatch> pending = new ArrayList<>();
    private boolean opened;
    private boolean live;
    private boolean closed;
    private boolean dirty;
    private long lastSequence = -1;

    Subscriber(Hub hub, LoopShard shard, Set<String> channels, SseSink sink) {
        this.hub = hub;
        this.shard = shard;
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

    void replayed(Replay replay, String lastEventId) {
        if (closed) {
            return;
        }
        if (lastEventId != null) {
            hub.metrics().replayServed();
        }
        if (replay.historyGone()) {
            hub.metrics().historyGone();
            if (!writeEvent(HistoryGone.frame(lastEventId, channels))) {
                return;
            }
        }
        for (StoredEvent event : replay.events()) {
            if (!writeEvent(SseEncoder.encode(event.event()))) {
                return;
            }
            lastSequence = event.sequence();
        }
        lastSequence = Math.max(lastSequence, replay.headSequence());
        boolean needsCursor = replay.events().isEmpty() && (lastEventId == null || replay.historyGone());
        if (needsCursor && !write(SseEncoder.lastEventId(replay.headId()))) {
            return;
        }
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
        LOG.log(System.Logger.Level.WARNING, "could not read history for channels " + channels
                + "; closing the stream so the client retries: " + error);
        close();
    }

    /**
     * From the moment the stream is open, also while the replay is awaited (the broker may be waiting for Redis):
     * the client must see the stream alive. Not before: the first bytes open the stream, and must come after
     * its resume point was fixed.
     */
    void heartbeat(byte[] frame) {
        if (opened && write(frame)) {
            hub.metrics().heartbeatSent();
            flush();
        }
    }

    void flush() {
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
        shard.remove(this);
        hub.left(this, shard);
    }

    /** Ends the stream from the server side, after the frames it holds (a fan-out may not have flushed them yet). */
    void close() {
        flush();
        cancel();
        sink.close();
    }

    private void abort() {
        cancel();
        sink.abort();
    }

    private boolean writeEvent(byte[] frame) {
        if (write(frame)) {
            hub.delivered();
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
        hub.dropped();
        LOG.log(System.Logger.Level.INFO, "dropping a subscriber of " + channels + ": " + why
                + "; it will resume from its last event id");
        abort();
    }
}
