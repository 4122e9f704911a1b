package dev.herald.hub;

import dev.herald.metrics.Transport;

import java.util.concurrent.Executor;

/**
 * One client's outbound stream, implemented by an HTTP adapter. The hub calls it only on the thread that
 * owns it (the thread that called {@link Hub#subscribe}), through {@link #executor()} when it starts elsewhere.
 */
public interface SseSink {

    /** Runs a task on the thread that owns this sink. */
    Executor executor();

    /**
     * Runs a task on the thread that owns this sink after that thread has handled the input already waiting for it (on
     * an event loop: after its next turn of I/O). The hub flushes a large fan-out in slices through it, so that
     * publishes arriving meanwhile are read and join the writes still to come. By default, {@link #executor()}: a
     * thread that reads no input of its own has nothing to let in.
     */
    default Executor afterInput() {
        return executor();
    }

    /**
     * Queues a frame. Returns {@code false}, queuing nothing, when the client's outbound buffer is over its
     * limit: the hub then drops the client, which resumes by {@code Last-Event-ID}.
     */
    boolean offer(byte[] frame);

    /**
     * Called once, after the frames that start the stream (the replay, or a new client's resume point, and the live
     * events that waited for it) were offered and flushed: from here on, every frame is a live event or a heartbeat.
     * A stream needs nothing here; a long poll answers now if it has events, or if it must not wait.
     */
    default void caughtUp() {
    }

    /** How this client receives events, for the metrics: a stream unless the adapter says otherwise. */
    default Transport transport() {
        return Transport.STREAM;
    }

    /**
     * Whether what this sink was given to write has waited unwritten (not taken by the connection, whatever the
     * kernel's buffers hold) for longer than {@code boundNanos} at {@code nowNanos} (both {@link System#nanoTime()}
     * based). Asked on every heartbeat tick, before the heartbeat is offered; a stalled sink's client is dropped as one
     * whose buffer is full. By default never: a sink that cannot tell is bounded by its buffer alone.
     */
    default boolean stalled(long nowNanos, long boundNanos) {
        return false;
    }

    /** Writes what was offered since the last flush. */
    void flush();

    /** Ends the response cleanly, after what was already written; the client will reconnect. Idempotent. */
    void close();

    /**
     * Closes the connection at once, discarding what is still queued for it: for a client too slow to take
     * what it was sent, whose queue must not be kept. Idempotent.
     */
    void abort();
}
