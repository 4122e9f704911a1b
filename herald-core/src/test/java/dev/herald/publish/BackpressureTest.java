package dev.herald.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.metrics.HeraldCounters;
import dev.herald.metrics.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rule alone, over a backlog the test sets. */
class BackpressureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final AtomicLong backlog = new AtomicLong();
    private final HeraldCounters counters = new HeraldCounters();
    private final Backpressure backpressure = new Backpressure(100, PATIENCE, backlog::get, counters);

    @Test
    void underTheMarkAPublishGoesOnAtOnce() {
        backlog.set(99);
        assertThat(backpressure.room().toCompletableFuture()).isDone();
        assertThat(counters.publishesSlowed()).isZero();
    }

    @Test
    void atTheMarkPublishesWaitInLineAndAreLetThroughOldestFirstAsTheBacklogFalls() {
        backlog.set(100);
        List<Integer> order = new ArrayList<>();
        CompletableFuture<?> first = backpressure.room().toCompletableFuture().thenRun(() -> order.add(1));
        CompletableFuture<?> second = backpressure.room().toCompletableFuture().thenRun(() -> order.add(2));
        backpressure.release();
        assertThat(first).isNotDone();
        assertThat(counters.publishesSlowed()).isEqualTo(2);

        backlog.set(0);
        CompletableFuture<?> third = backpressure.room().toCompletableFuture().thenRun(() -> order.add(3));

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(third).isDone();
        assertThat(order).as("no overtaking those in line").containsExactly(1, 2, 3);
    }

    @Test
    void oneReleaseLetsABoundedNumberThrough() {
        backlog.set(100);
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 3 * Backpressure.RELEASED_AT_ONCE; i++) {
            waiting.add(backpressure.room().toCompletableFuture());
        }
        backlog.set(0);
        backpressure.release();
        assertThat(waiting).filteredOn(CompletableFuture::isDone).hasSize(Backpressure.RELEASED_AT_ONCE);
        backpressure.release();
        backpressure.release();
        assertThat(waiting).allMatch(CompletableFuture::isDone);
    }

    @Test
    void aPublishThatWaitsPastTheBoundFailsWithBacklogFullAndIsCounted() throws Exception {
        Backpressure brief = new Backpressure(100, Duration.ofMillis(100), backlog::get, counters);
        backlog.set(100);
        CompletableFuture<Void> waiting = brief.room().toCompletableFuture();

        assertThatThrownBy(() -> waiting.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(BacklogFullException.class)
                .hasMessageContaining("waited 100 ms");
        assertThat(counters.refusals(Refusal.PUBLISH_BACKLOG)).isEqualTo(1);
        PublishFailure failure = PublishFailure.of(catchFailure(waiting));
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.retryAfterSeconds()).isEqualTo(1);

        backlog.set(0);
        brief.release(); // the timed-out one is skipped, nothing else waits
        assertThat(brief.room().toCompletableFuture()).isDone();
    }

    @Test
    void aMarkOfZeroNeverWaits() {
        Backpressure off = new Backpressure(0, PATIENCE, () -> Long.MAX_VALUE, counters);
        assertThat(off.room().toCompletableFuture()).isDone();
        assertThat(Backpressure.OFF.room().toCompletableFuture()).isDone();
    }

    private static Throwable catchFailure(CompletableFuture<?> failed) {
        try {
            failed.join();
            throw new AssertionError("expected a failure");
        } catch (RuntimeException e) {
            return e;
        }
    }
}
