package dev.herald.serve;

import dev.herald.hub.Hub;
import dev.herald.hub.HubSubscription;
import dev.herald.hub.SseSink;
import dev.herald.limits.Limits;
import dev.herald.presence.Presence;
import dev.herald.request.StreamRequest;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admitted stream's (or poll's) hold on the node: its place in the {@link Limits}, its subscription in the
 * {@link Hub} and its timer (a private stream's token expiry, a long poll's wait). {@link #end()} gives all three back,
 * exactly once however often it is called and from whichever thread: the place at once, the subscription and the timer
 * on the sink's thread, which owns them.
 */
public final class StreamLease {

    private static final Logger LOG = LoggerFactory.getLogger(StreamLease.class);

    private final Limits limits;
    private final String address;
    private final SseSink sink;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Future<?> timer;
    /** Run once when the lease ends: leaves {@link TokenStreams}; null for a stream no admin action can find. */
    private volatile Runnable onEnd;

    // Confined to the sink's executor.
    private HubSubscription subscription;
    private boolean left;
    /** The channels counted in {@link #presence} while subscribed, or null. */
    private Set<String> present;
    private Presence presence;
    private String subject;

    StreamLease(Limits limits, String address, SseSink sink) {
        this.limits = limits;
        this.address = address;
        this.sink = sink;
    }

    /** The client address whose place this is. */
    public String address() {
        return address;
    }

    /** Whether {@link #end()} was called. */
    public boolean ended() {
        return ended.get();
    }

    /**
     * Ends the lease: gives the stream's place back to the limits, once, and has the sink's thread leave the hub and
     * cancel the timer. Call when the response ends or its connection closes; any thread, any number of times.
     */
    public void end() {
        if (ended.compareAndSet(false, true)) {
            limits.streamClosed(address);
            cancelTimer();
            Runnable release = onEnd;
            if (release != null) {
                release.run();
            }
            sink.executor().execute(this::leave);
        }
    }

    /** Has the stream counted in {@code counts} while it is in the hub, as held by {@code tokenSubject} (or null). */
    void countIn(Presence counts, String tokenSubject) {
        this.presence = counts;
        this.subject = tokenSubject;
    }

    /** On the sink's thread: joins the hub, unless the lease ended first. */
    void subscribe(Hub hub, StreamRequest asked) {
        if (left) {
            return;
        }
        try {
            subscription = hub.subscribe(asked, sink);
            if (presence != null) {
                present = asked.channels();
                presence.opened(present, subject);
            }
        } catch (RuntimeException refused) {
            // The request's channels were checked already; should the hub still refuse, the response must not hang.
            LOG.error("the hub refused a stream of " + asked.channels(), refused);
            sink.close();
            end();
        }
    }

    /** On the sink's thread: leaves the hub and cancels the timer; the place stays taken until {@link #end()}. */
    void leave() {
        left = true;
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
        if (present != null) {
            presence.closed(present, subject);
            present = null;
        }
        cancelTimer();
    }

    /** Ends the stream after one last frame, on the sink's thread: no event of the hub follows it. */
    void endWith(byte[] lastFrame) {
        if (left) {
            return;
        }
        leave();
        if (sink.offer(lastFrame)) {
            sink.flush();
        }
        sink.close();
    }

    /** Ends the stream after one last frame, from any thread: the sink's thread does it ({@link #endWith}). */
    void finish(byte[] lastFrame) {
        if (!ended.get()) {
            sink.executor().execute(() -> endWith(lastFrame));
        }
    }

    /** What to run once when the lease ends; run at once if it ended already. */
    void onEnd(Runnable release) {
        onEnd = release;
        if (ended.get()) {
            release.run();
        }
    }

    /** The timer to cancel when the lease ends (cancelled at once if it ended already). */
    void timer(Future<?> scheduled) {
        timer = scheduled;
        if (ended.get()) {
            scheduled.cancel(false);
        }
    }

    private void cancelTimer() {
        Future<?> scheduled = timer;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
