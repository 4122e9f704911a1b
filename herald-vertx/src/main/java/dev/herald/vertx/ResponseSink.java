package dev.herald.vertx;

import dev.herald.hub.SseSink;
import io.netty.channel.EventLoop;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A hub sink over a Vert.x response. Offered frames are kept by reference (the hub shares them between streams) until
 * the flush: a single one is written as the loop's {@link SharedFrames shared buffer}, without a copy; several are
 * gathered into one buffer then and written at once.
 * A burst larger than a quarter of the limit is written in pieces as it grows, so a client that keeps up is
 * never mistaken for a slow one. The limit applies to what Netty holds for the socket
 * (the response's write queue, whose high-water mark is set to it): a client whose queue is over it is
 * refused further frames. At most the limit plus one piece plus one frame is held per client.
 *
 * <p>It also tells the hub when a client has stalled ({@link #stalled}): a write that Netty could not hand to the
 * socket at once is watched until it completes, from the time it was made (or from the last write that completed
 * while others still waited). A client that keeps up has its writes completed within {@code write}, so watching costs
 * it nothing: no clock read, no listener.
 */
final class ResponseSink implements SseSink {

    private final HttpServerResponse response;
    private final int pieceBytes;
    private final Executor executor;
    private final Executor afterInput;
    /** The frames offered since the last flush, shared with the loop's other streams; null until the first. */
    private byte[][] pending;
    private int pendingCount;
    private int pendingBytes;
    private boolean closed;
    /** Writes not yet taken by the socket; and since when, at the latest, nothing of them has been. */
    private int writesWaiting;
    private long waitingSinceNanos;
    private final Handler<AsyncResult<Void>> written = ignored -> written();

    ResponseSink(Context context, HttpServerResponse response, int limitBytes) {
        this.response = response;
        this.pieceBytes = Math.max(1, limitBytes / 4);
        this.executor = task -> context.runOnContext(ignored -> task.run());
        // A task of the event loop's scheduled queue, due at once, runs after the loop's next turn of I/O; a plain task
        // would run before it, with the tasks it queued meanwhile.
        ContextInternal loopContext = (ContextInternal) context;
        EventLoop loop = loopContext.nettyEventLoop();
        this.afterInput = task -> loop.schedule(() -> loopContext.dispatch(task), 0, TimeUnit.NANOSECONDS);
        response.setWriteQueueMaxSize(limitBytes);
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public Executor afterInput() {
        return afterInput;
    }

    @Override
    public boolean offer(byte[] frame) {
        if (closed || response.closed()) {
            return true; // the client is gone; its close handler is removing it from the hub
        }
        if (response.writeQueueFull()) {
            return false;
        }
        if (pendingCount > 0 && pendingBytes + frame.length > pieceBytes) {
            flush();
        }
        if (pending == null) {
            pending = new byte[4][];
        } else if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, 2 * pendingCount);
        }
        pending[pendingCount++] = frame;
        pendingBytes += frame.length;
        return true;
    }

    @Override
    public void flush() {
        if (pendingCount == 0 || closed || response.closed()) {
            return;
        }
        Buffer out;
        if (pendingCount == 1) {
            out = SharedFrames.of(pending[0]);
        } else {
            out = Buffer.buffer(pendingBytes);
            for (int i = 0; i < pendingCount; i++) {
                out.appendBytes(pending[i]);
            }
        }
        forgetPending();
        Future<Void> write = response.write(out);
        if (!write.isComplete()) {
            if (writesWaiting++ == 0) {
                waitingSinceNanos = System.nanoTime();
            }
            write.onComplete(written);
        }
    }

    /** One waiting write was taken by the socket (or failed with the connection): the client made progress. */
    private void written() {
        if (--writesWaiting > 0) {
            waitingSinceNanos = System.nanoTime();
        }
    }

    @Override
    public boolean stalled(long nowNanos, long boundNanos) {
        return writesWaiting > 0 && nowNanos - waitingSinceNanos > boundNanos;
    }

    private void forgetPending() {
        Arrays.fill(pending, 0, pendingCount, null);
        pendingCount = 0;
        pendingBytes = 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    @Override
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        pendingCount = 0;
        pendingBytes = 0;
        response.reset();
    }
}
