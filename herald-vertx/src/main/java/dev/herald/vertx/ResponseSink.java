package dev.herald.vertx;

import dev.herald.hub.SseSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.Executor;

/**
 * A hub sink over a Vert.x response. A single frame offered between two flushes is written as the loop's
 * {@link SharedFrames shared buffer}, without a copy; several are gathered into one buffer and written at once.
 * A burst larger than a quarter of the limit is written in pieces as it grows, so a client that keeps up is
 * never mistaken for a slow one. The limit applies to what Netty holds for the socket
 * (the response's write queue, whose high-water mark is set to it): a client whose queue is over it is
 * refused further frames. At most the limit plus one piece plus one frame is held per client.
 */
final class ResponseSink implements SseSink {

    private final HttpServerResponse response;
    private final int pieceBytes;
    private final Executor executor;
    /** The one frame pending, shared with the loop's other streams; null when none or several are. */
    private Buffer single;
    /** The frames pending when there are several, copied into a buffer of this stream's own. */
    private Buffer gathered;
    private int pendingBytes;
    private boolean closed;

    ResponseSink(Context context, HttpServerResponse response, int limitBytes) {
        this.response = response;
        this.pieceBytes = Math.max(1, limitBytes / 4);
        this.executor = task -> context.runOnContext(ignored -> task.run());
        response.setWriteQueueMaxSize(limitBytes);
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public boolean offer(byte[] frame) {
        if (closed || response.closed()) {
            return true; // the client is gone; its close handler is removing it from the hub
        }
        if (response.writeQueueFull()) {
            return false;
        }
        if (pendingBytes > 0 && pendingBytes + frame.length > pieceBytes) {
            flush();
        }
        if (pendingBytes == 0) {
            single = SharedFrames.of(frame);
        } else {
            if (gathered == null) {
                gathered = Buffer.buffer(2 * (pendingBytes + frame.length)).appendBuffer(single);
                single = null;
            }
            gathered.appendBytes(frame);
        }
        pendingBytes += frame.length;
        return true;
    }

    @Override
    public void flush() {
        if (pendingBytes == 0 || closed || response.closed()) {
            return;
        }
        Buffer out = gathered != null ? gathered : single;
        forgetPending();
        response.write(out);
    }

    private void forgetPending() {
        single = null;
        gathered = null;
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
        forgetPending();
        response.reset();
    }
}
