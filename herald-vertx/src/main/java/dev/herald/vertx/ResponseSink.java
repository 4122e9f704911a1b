package dev.herald.vertx;

import dev.herald.hub.SseSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.Executor;

/**
 * A hub sink over a Vert.x response. Frames offered between two flushes are gathered into one buffer and
 * written at once. The outbound limit counts that buffer and what Netty still holds for the socket
 * (the response's write queue, whose high-water mark is set to the same limit).
 */
final class ResponseSink implements SseSink {

    private final Context context;
    private final HttpServerResponse response;
    private final int limitBytes;
    private final Executor executor;
    private Buffer gathered = Buffer.buffer();
    private boolean closed;

    ResponseSink(Context context, HttpServerResponse response, int limitBytes) {
        this.context = context;
        this.response = response;
        this.limitBytes = limitBytes;
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
        if (response.writeQueueFull() || gathered.length() + frame.length > limitBytes) {
            return false;
        }
        gathered.appendBytes(frame);
        return true;
    }

    @Override
    public void flush() {
        if (gathered.length() == 0 || closed || response.closed()) {
            return;
        }
        Buffer out = gathered;
        gathered = Buffer.buffer();
        response.write(out);
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

    Context context() {
        return context;
    }
}
