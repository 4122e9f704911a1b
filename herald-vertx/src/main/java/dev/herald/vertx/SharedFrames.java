package dev.herald.vertx;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Frames as buffers that every stream of an event loop can write without a copy of its own.
 *
 * <p>The hub hands the same encoded frame to every subscriber of a channel, one after the other on their loop.
 * The first time a frame is seen it is only wrapped (Netty copies it to direct memory for the socket, as for
 * any heap buffer); from its second stream on, it is copied once into direct memory and that copy is written to
 * every further stream, so the socket write takes it as it is. Only the last frame is remembered, per loop: a
 * live event goes to all of a loop's streams before the next one comes. Buffers handed out must not be changed;
 * Vert.x writes an unreleasable slice of them, and the direct memory is freed by the garbage collector.
 */
final class SharedFrames {

    private static final ThreadLocal<SharedFrames> PER_LOOP = ThreadLocal.withInitial(SharedFrames::new);

    private byte[] lastFrame;
    private Buffer lastBuffer;
    private boolean lastIsDirect;

    private SharedFrames() {
    }

    /** The frame as a buffer to write; call on the event loop that writes it. */
    static Buffer of(byte[] frame) {
        return PER_LOOP.get().lookup(frame);
    }

    private Buffer lookup(byte[] frame) {
        if (frame != lastFrame) {
            lastFrame = frame;
            lastBuffer = BufferInternal.buffer(Unpooled.wrappedBuffer(frame));
            lastIsDirect = false;
        } else if (!lastIsDirect) {
            ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
            lastBuffer = BufferInternal.buffer(Unpooled.wrappedBuffer(direct));
            lastIsDirect = true;
        }
        return lastBuffer;
    }
}
