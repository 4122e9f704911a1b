package dev.herald.bench.jmh;

import dev.herald.hub.SseSink;
import java.util.concurrent.Executor;

/**
 * A subscriber that only counts what it is given, so that a benchmark measures the broker's and the hub's cost, not a
 * socket's. Its fields are written only by the thread its executor runs tasks on.
 */
final class CountingSink implements SseSink {

    private static final Executor INLINE = Runnable::run;

    private final Executor executor;
    /** Frames handed to this subscriber. */
    long frames;
    long bytes;
    long flushes;

    CountingSink(Executor executor) {
        this.executor = executor;
    }

    /** A sink whose tasks run at once, on the thread that hands them over: everything on the benchmark thread. */
    static CountingSink inline() {
        return new CountingSink(INLINE);
    }

    @Override
    public boolean offer(byte[] frame) {
        frames++;
        bytes += frame.length;
        return true;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
    }

    @Override
    public void abort() {
    }
}
