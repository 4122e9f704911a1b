package dev.herald.spring;

import dev.herald.hub.SseSink;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub sink over a Servlet async response with non-blocking output ({@link ServletOutputStream#setWriteListener}).
 *
 * <p>Threads: everything here runs on the stream's loop (its {@link #executor()}). The container's callbacks
 * (write possible, error, complete) arrive on container threads and are handed to the loop, never run there; so the
 * hub's writes and the container's callbacks never interleave. One lock, {@link #io}, keeps the loop's calls on the
 * output apart from the container's error callbacks (see there); the loop never waits for the container otherwise.
 *
 * <p>Writes never block: a frame goes to the container only while {@link ServletOutputStream#isReady()} says it can
 * take it; the rest waits here, in a queue bounded by the buffer limit, until the container calls back. A client that
 * stops reading fills the socket, then the container's buffer, then this queue; the next frame offered is refused, and
 * the hub drops the client. A client that stops reading on a quiet channel never fills the queue; the hub asks
 * {@link #stalled} at each heartbeat instead: frames that have waited here, the container not ready for them, since
 * the last write it took, for longer than the bound.
 */
final class ServletSink implements SseSink, WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServletSink.class);

    private final Executor loop;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final int limitBytes;

    // Confined to the loop.
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    /** Frames (or a flush) wait because the container is not ready for them; since when, at the latest, it took none. */
    private boolean waiting;
    private long waitingSinceNanos;
    /** The container said it may be written to: its first write-possible callback came (it follows the dispatch). */
    private boolean writable;
    /** Something was written since the last flush. */
    private boolean unflushed;
    /** The hub asked for a clean end: complete once the queue is written. */
    private boolean closing;
    /** The response is complete, or the client is gone: nothing more is written. */
    private boolean ended;
    /**
     * Set by the container's thread the moment it reports the response complete, failed or timed out: from then on the
     * container may recycle the response for another request, so the loop must not touch the output again.
     */
    private volatile boolean containerDone;
    /**
     * Held by the loop around each call on the container's output, and by the container's thread in its error and
     * timeout callbacks while it sets {@link #containerDone}. The container fires those before it recycles the
     * response, so no call of the loop is still under way when the response goes to another request (which a volatile
     * flag alone did not ensure: a heartbeat written to a client that had just left corrupted the stream of the next
     * client of the same connection processor). Not taken in onComplete, which Tomcat calls holding its own lock that
     * a failing write of the loop needs; onComplete follows onError whenever the container ends a stream itself.
     */
    private final Object io = new Object();

    ServletSink(Executor loop, AsyncContext async, ServletOutputStream out, int limitBytes) {
        this.loop = loop;
        this.async = async;
        this.out = out;
        this.limitBytes = limitBytes;
    }

    @Override
    public Executor executor() {
        return loop;
    }

    @Override
    public boolean offer(byte[] frame) {
        if (ended || closing) {
            return true; // the client is gone or going; its subscription is being cancelled
        }
        if (queuedBytes >= limitBytes) {
            return false;
        }
        queue.add(frame);
        queuedBytes += frame.length;
        return true;
    }

    @Override
    public void flush() {
        drain();
    }

    @Override
    public void close() {
        if (ended || closing) {
            return;
        }
        closing = true;
        drain();
    }

    @Override
    public void abort() {
        if (ended) {
            return;
        }
        // The servlet API has no portable way to reset a connection: what the container already holds is sent, the
        // response ends, and the client resumes from its last event id. What waits here is discarded at once.
        queue.clear();
        queuedBytes = 0;
        end();
    }

    /** Writes what is queued while the container can take it, then flushes; on the loop. */
    private void drain() {
        if (!writable || ended) {
            return;
        }
        boolean finished;
        int queuedBefore = queue.size();
        try {
            synchronized (io) {
                finished = writeQueued();
            }
        } catch (IOException | RuntimeException gone) {
            // The client left (a broken pipe), or the response was recycled under a call: either way this stream is
            // over. The container has seen the failure too and completes the request itself, through onError.
            LOG.debug("a stream's write failed; the client is taken as gone: " + gone);
            forget();
            return;
        }
        boolean tookSome = queue.size() < queuedBefore;
        if (queue.isEmpty() && !unflushed) {
            waiting = false;
        } else if (!waiting || tookSome) {
            // Read only when the container is not ready: a client that keeps up costs no clock read.
            waiting = true;
            waitingSinceNanos = System.nanoTime();
        }
        if (finished) {
            end();
        }
    }

    @Override
    public boolean stalled(long nowNanos, long boundNanos) {
        return waiting && !ended && nowNanos - waitingSinceNanos > boundNanos;
    }

    /**
     * The calls on the container's output, under {@link #io}; true when a close asked for is now due. Nothing is called
     * once the container said it is done with the response.
     */
    private boolean writeQueued() throws IOException {
        while (!queue.isEmpty()) {
            if (containerDone || !out.isReady()) {
                return false; // the container calls onWritePossible when it can take more
            }
            byte[] frame = queue.peek();
            if (!written(() -> out.write(frame))) {
                return false;
            }
            queue.poll();
            queuedBytes -= frame.length;
            unflushed = true;
        }
        if (unflushed) {
            if (containerDone || !out.isReady() || !written(out::flush)) {
                return false;
            }
            unflushed = false;
        }
        return closing && !containerDone && out.isReady();
    }

    /**
     * Runs one write or flush; false when the container refused it as not ready. Tomcat checks readiness again inside
     * the write, and a pending write of its own (a leftover it is finishing for the socket) can make that second check
     * fail just after ours passed: it then throws {@link IllegalStateException} having written nothing, and calls
     * onWritePossible once it can take more, so the frame stays queued for that call.
     */
    private boolean written(OutputAction action) throws IOException {
        try {
            action.run();
            return true;
        } catch (IllegalStateException notReady) {
            if (containerDone) {
                throw notReady;
            }
            return false;
        }
    }

    @FunctionalInterface
    private interface OutputAction {
        void run() throws IOException;
    }

    /** Completes the response; the container's onComplete then ends the stream's lease, which leaves the hub. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (!containerDone) {
            completeNow();
        }
    }

    /** Ends the stream on this side, completing nothing: for when the container completes the request itself. */
    private void forget() {
        if (ended) {
            return;
        }
        ended = true;
        queue.clear();
        queuedBytes = 0;
    }

    // Container callbacks: each is handed to the loop, after noting at once when the container is done with the response.

    @Override
    public void onWritePossible() {
        loop.execute(() -> {
            writable = true;
            drain();
        });
    }

    @Override
    public void onError(Throwable error) {
        LOG.debug("a stream's write failed; the client left: " + error);
        containerDone = true;
        loop.execute(this::forget);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        containerDone = true;
        loop.execute(this::forget);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        synchronized (io) {
            containerDone = true;
        }
        completeNow();
        loop.execute(this::forget);
    }

    @Override
    public void onError(AsyncEvent event) {
        synchronized (io) {
            containerDone = true;
        }
        completeNow();
        loop.execute(this::forget);
    }

    /**
     * Completes the response, once. In the container's error callback it must happen there, on the container's thread:
     * a request not completed there is dispatched to the application's error page, which would try to write an error
     * body into the event stream.
     */
    private void completeNow() {
        try {
            async.complete();
        } catch (RuntimeException alreadyCompleted) {
            // the other side completed it first (Tomcat says so with an IllegalStateException)
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
