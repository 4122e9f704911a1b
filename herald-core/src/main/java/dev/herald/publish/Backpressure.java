package dev.herald.publish;

import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Refusal;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Slows publishers down to the speed of delivery: the one rule every publish of the node goes through
 * ({@link Publisher}), whatever its door (HTTP, a batch, a webhook, the Java API).
 *
 * <p>While the node's delivery backlog ({@code DeliveryBacklog}, in stream writes) is under the high-water mark
 * ({@code publish-backlog}), and nobody waits before it, a publish goes on at once. Otherwise it waits in line, first
 * come first served, and is let through as the backlog falls under the mark ({@link #release}: after each pass of an
 * event loop, and after each publish let through); at most {@link #RELEASED_AT_ONCE} at a time, so that a crowd of
 * waiting publishers does not overshoot the mark by its whole size. One that waited longer than {@code publish-wait}
 * fails with {@link BacklogFullException} (a 503 with {@code Retry-After}) and publishes nothing. A mark of 0 turns
 * the rule off.
 *
 * <p>So a publisher that outruns the fan-out gets its answers at the pace of delivery, and the latency of delivery
 * stays about the time a loop takes to write the mark's worth, instead of growing for as long as the publisher keeps
 * up its pace. Thread-safe.
 */
public final class Backpressure {

    /** Never waits. */
    public static final Backpressure OFF = new Backpressure(0, Duration.ofSeconds(1), () -> 0, HeraldMetrics.NONE);

    /** Waiting publishes let through by one {@link #release} at most. */
    static final int RELEASED_AT_ONCE = 16;

    /** Shared: a minimal stage, which no caller can complete or cancel. */
    private static final CompletionStage<Void> ROOM = CompletableFuture.completedStage(null);

    private final long highWater;
    private final Duration wait;
    private final LongSupplier backlog;
    private final HeraldMetrics metrics;
    /** Publishes waiting for room, oldest first; one timed out stays until polled, then is skipped. */
    private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param highWater the mark, in stream writes; 0 never waits
     * @param wait      how long a publish waits at most
     * @param backlog   the node's delivery backlog, in stream writes, from any thread
     * @param metrics   where a wait ({@link HeraldMetrics#publishSlowed}) and a refusal
     *                  ({@link Refusal#PUBLISH_BACKLOG}) are counted
     */
    public Backpressure(long highWater, Duration wait, LongSupplier backlog, HeraldMetrics metrics) {
        if (highWater < 0 || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("the mark must be 0 or more and the wait above zero");
        }
        this.highWater = highWater;
        this.wait = wait;
        this.backlog = backlog;
        this.metrics = metrics;
    }

    /**
     * Completes once the publish may go on to the broker: at once when there is room; else when {@link #release} lets
     * it through, or exceptionally with {@link BacklogFullException} after the wait.
     */
    public CompletionStage<Void> room() {
        if (highWater == 0 || waiting.isEmpty() && backlog.getAsLong() < highWater) {
            return ROOM;
        }
        metrics.publishSlowed();
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waiting.add(turn);
        release(); // the backlog may have fallen since it was read: no wake-up is missed
        return turn.orTimeout(wait.toNanos(), TimeUnit.NANOSECONDS).exceptionally(this::refused);
    }

    /** Lets waiting publishes through while the backlog is under the mark, oldest first. Any thread; cheap when none wait. */
    public void release() {
        int released = 0;
        while (released < RELEASED_AT_ONCE && !waiting.isEmpty() && backlog.getAsLong() < highWater) {
            CompletableFuture<Void> turn = waiting.poll();
            if (turn != null && turn.complete(null)) {
                released++;
            }
        }
    }

    /** Publishes waiting now, timed-out ones not yet skipped included. */
    int waiting() {
        return waiting.size();
    }

    private Void refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            metrics.refused(Refusal.PUBLISH_BACKLOG);
            throw new BacklogFullException(wait);
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
