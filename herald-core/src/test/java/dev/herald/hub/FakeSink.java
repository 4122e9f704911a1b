package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client stream that records the frames offered to it, refuses them past a byte limit (as a full outbound
 * buffer would), records whether it was closed or aborted, and notes every use that breaks the {@link SseSink}
 * rules: a call off its loop's thread, or an offer after it refused one or was closed or aborted.
 */
final class FakeSink implements SseSink {

    static final long UNLIMITED = Long.MAX_VALUE;
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(200);

    final Loop loop;
    private final long byteLimit;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final List<String> misuse = Collections.synchronizedList(new ArrayList<>());

    // confined to the loop
    private long bytesOffered;
    private boolean refused;
    private int flushes;
    private int framesOffered;
    private int pendingAtFlush;
    private final StringBuilder unwritten = new StringBuilder();
    private final List<String> writes = new ArrayList<>();
    private final BlockingQueue<Integer> caughtUp = new LinkedBlockingQueue<>();

    private volatile boolean closed;
    /** {@link System#nanoTime()} when {@link #close()} was first called, or 0. */
    private volatile long closedAtNanos;
    private volatile boolean aborted;
    /** Whether it says it holds data older than any bound, as a client that stopped reading would. */
    private volatile boolean stalled;
    private final BlockingQueue<Long> stallBoundsAsked = new LinkedBlockingQueue<>();

    FakeSink(Loop loop, long byteLimit) {
        this.loop = loop;
        this.byteLimit = byteLimit;
    }

    FakeSink(Loop loop) {
        this(loop, UNLIMITED);
    }

    @Override
    public Executor executor() {
        return loop.executor();
    }

    @Override
    public Executor afterInput() {
        return loop.afterInput();
    }

    @Override
    public boolean offer(byte[] frame) {
        checkThread("offer");
        if (closed || aborted) {
            misuse.add("offer after " + (closed ? "close" : "abort"));
        }
        if (refused) {
            misuse.add("offer after a refused offer");
        }
        if (bytesOffered + frame.length > byteLimit) {
            refused = true;
            return false;
        }
        bytesOffered += frame.length;
        framesOffered++;
        pendingAtFlush++;
        String text = new String(frame, StandardCharsets.UTF_8);
        frames.add(text);
        unwritten.append(text);
        return true;
    }

    @Override
    public void flush() {
        checkThread("flush");
        flushes++;
        pendingAtFlush = 0;
        if (unwritten.length() > 0) {
            writes.add(unwritten.toString());
            unwritten.setLength(0);
        }
    }

    @Override
    public boolean stalled(long nowNanos, long boundNanos) {
        checkThread("stalled");
        stallBoundsAsked.add(boundNanos);
        return stalled;
    }

    /** From now on, tells the hub that its data has waited unwritten longer than any bound. */
    void stall() {
        stalled = true;
    }

    /** The bound of the next stall check, waiting for it. */
    long nextStallBound() {
        try {
            Long bound = stallBoundsAsked.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(bound).as("a stall check within " + PATIENCE).isNotNull();
            return bound;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void caughtUp() {
        checkThread("caughtUp");
        if (!caughtUp.isEmpty()) {
            misuse.add("caughtUp called twice");
        }
        if (pendingAtFlush > 0) {
            misuse.add("caughtUp before the opening frames were flushed");
        }
        caughtUp.add(framesOffered);
    }

    /** How many frames had been offered when the hub said the stream caught up, waiting for that. */
    int caughtUpAfterFrames() {
        try {
            Integer frames = caughtUp.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frames).as("caughtUp within " + PATIENCE).isNotNull();
            return frames;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        checkThread("close");
        if (!closed) {
            closedAtNanos = System.nanoTime();
        }
        closed = true;
    }

    @Override
    public void abort() {
        checkThread("abort");
        aborted = true;
    }

    /** Ended cleanly by {@link #close()}. */
    boolean closed() {
        return closed;
    }

    /** {@link System#nanoTime()} when it was first closed; 0 while it is not. */
    long closedAtNanos() {
        return closedAtNanos;
    }

    /** Ended at once by {@link #abort()}. */
    boolean aborted() {
        return aborted;
    }

    /** Ended either way. */
    boolean ended() {
        return closed || aborted;
    }

    /** The next frame offered, waiting for it. */
    String nextFrame() {
        try {
            String frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within " + PATIENCE).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    List<String> nextFrames(int count) {
        List<String> next = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            next.add(nextFrame());
        }
        return next;
    }

    /** The frames offered and not read yet, without waiting. */
    List<String> queuedFrames() {
        List<String> queued = new ArrayList<>();
        frames.drainTo(queued);
        return queued;
    }

    void assertNoMoreFrames() {
        try {
            assertThat(frames.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("no further frame").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    int flushes() {
        return loop.call(() -> flushes);
    }

    /** What each flush wrote so far: the frames offered since the flush before it, as one text. */
    List<String> writes() {
        return loop.call(() -> List.copyOf(writes));
    }

    List<String> misuse() {
        synchronized (misuse) {
            return List.copyOf(misuse);
        }
    }

    private void checkThread(String call) {
        if (!loop.isCurrentThread()) {
            misuse.add(call + " on thread " + Thread.currentThread().getName() + ", not on the sink's loop");
        }
    }
}
