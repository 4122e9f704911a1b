package dev.herald.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.limits.Limits.Admission;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.options.InvalidOptionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The counts behind the limits, on a clock the test moves. */
class LimitsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private Limits limits(int maxStreams, int perClient, int publishRate) {
        return new Limits(
                LimitsOptions.builder().maxStreams(maxStreams).maxStreamsPerClient(perClient)
                        .publishRate(publishRate).build(), clock::get, HeraldMetrics.NONE);
    }

    @Test
    void anAddressOverItsLimitIsRefusedWhileOthersAreAdmitted() {
        Limits limits = limits(10, 2, 100);
        assertThat(limits.admitStream("10.0.0.1")).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admitStream("10.0.0.1")).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admitStream("10.0.0.1")).isEqualTo(Admission.CLIENT_FULL);
        assertThat(limits.admitStream("10.0.0.2")).isEqualTo(Admission.ADMITTED);
        assertThat(limits.streamsOpen()).as("a refused stream is not counted").isEqualTo(3);

        limits.streamClosed("10.0.0.1");
        assertThat(limits.admitStream("10.0.0.1")).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void theNodeCapIsCheckedAfterTheAddressAndGivesTheAddressItsSlotBack() {
        Limits limits = limits(2, 5, 100);
        assertThat(limits.admitStream("a")).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admitStream("b")).isEqualTo(Admission.ADMITTED);
        assertThat(limits.admitStream("c")).isEqualTo(Admission.NODE_FULL);
        assertThat(limits.addressesKnown()).as("c holds nothing, so it is not remembered").isEqualTo(2);

        limits.streamClosed("a");
        assertThat(limits.admitStream("c")).isEqualTo(Admission.ADMITTED);
        assertThat(limits.streamsOpen()).isEqualTo(2);
    }

    @Test
    void theNodeCapIsNeverPassedUnderContention() throws Exception {
        Limits limits = limits(100, 1_000_000, 100);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String address = "10.0.0." + t;
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < 20_000; i++) {
                        if (limits.admitStream(address) == Admission.ADMITTED) {
                            admitted.incrementAndGet();
                            highest.accumulateAndGet(limits.streamsOpen(), Math::max);
                            if (i % 2 == 0) {
                                limits.streamClosed(address);
                                admitted.decrementAndGet();
                            }
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(highest.get()).isLessThanOrEqualTo(100);
        assertThat(limits.streamsOpen()).isEqualTo(admitted.get()).isEqualTo(100);
    }

    @Test
    void publishesAreRefusedAfterTheBurstWithTheSecondsUntilTheNextToken() {
        Limits limits = limits(10, 10, 5);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).as("publish %d of the burst of 10", i).isZero();
        }
        assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).as("a token comes in 200 ms: at least a second").isEqualTo(1);
        assertThat(limits.publishRetryAfterSeconds("10.0.0.2")).as("another address has its own budget").isZero();

        clock.addAndGet(SECOND / 5);
        assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).isZero();
        assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).isEqualTo(1);
    }

    @Test
    void theBurstIsItsOwnOptionAndTwiceTheRateUnlessSet() {
        Limits limits = new Limits(LimitsOptions.builder().publishRate(5).publishBurst(3).build(), clock::get,
                HeraldMetrics.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).as("publish %d of the burst of 3", i).isZero();
        }
        assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).as("the fourth waits for a token").isEqualTo(1);
        clock.addAndGet(SECOND);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).as("a second refills the bucket, never above 3")
                    .isZero();
        }
        assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).isEqualTo(1);

        assertThat(LimitsOptions.builder().publishRate(5).build().publishBurst()).isEqualTo(10);
        assertThat(LimitsOptions.defaults().publishBurst()).isEqualTo(2_000);
        assertThat(LimitsOptions.PUBLISH_BURST.derivedDefault()).contains("twice publish-rate");
        assertThat(LimitsOptions.builder().publishRate(Integer.MAX_VALUE).build().publishBurst())
                .as("the derived burst saturates rather than overflows").isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aTokenPublisherAt2000ASecondFor5SecondsIsNeverRefusedAtTheDefaults() {
        Limits limits = new Limits(LimitsOptions.defaults(), clock::get, HeraldMetrics.NONE);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limits.tokenPublishRetryAfterSeconds("backend")).as("publish %d, at %d ms", i,
                    clock.get() / 1_000_000).isZero();
            clock.addAndGet(SECOND / 2_000);
        }
        assertThat(limits.publishRetryAfterSeconds("10.0.0.1")).as("its address's own budget is untouched").isZero();
    }

    @Test
    void aTokenSubjectHasItsOwnBudgetApartFromItsAddress() {
        Limits limits = new Limits(LimitsOptions.builder().publishRate(1).publishBurst(1).tokenPublishRate(2)
                .build(), clock::get, HeraldMetrics.NONE);
        for (int i = 0; i < 4; i++) {
            assertThat(limits.tokenPublishRetryAfterSeconds("backend")).as("publish %d of the burst of 4", i).isZero();
        }
        assertThat(limits.tokenPublishRetryAfterSeconds("backend")).isEqualTo(1);
        assertThat(limits.tokenPublishRetryAfterSeconds("other")).as("another subject").isZero();
        assertThat(limits.publishRetryAfterSeconds("backend")).as("an address of the same text").isZero();
        assertThat(limits.tokenPublishRateMessage(1))
                .isEqualTo("Too many publish requests with this token's subject: at most 2 a second; retry after 1 s");

        clock.addAndGet(10 * SECOND);
        limits.sweep();
        assertThat(limits.tokenPublishRetryAfterSeconds("backend")).as("a full bucket again").isZero();
    }

    @Test
    void aBurstBelowOneIsRefusedByItsDeclaration() {
        assertThatThrownBy(() -> LimitsOptions.builder().publishBurst(0).build())
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("publish-burst");
                    assertThat(e.problem()).isEqualTo("must be at least 1 request, got 0");
                });
    }

    @Test
    void aSlowRateTellsTheWholeSecondsToWait() {
        Limits limits = limits(10, 10, 1);
        limits.publishRetryAfterSeconds("a");
        limits.publishRetryAfterSeconds("a");
        clock.addAndGet(SECOND / 10);
        assertThat(limits.publishRetryAfterSeconds("a")).as("0.9 s rounds up").isEqualTo(1);
    }

    @Test
    void addressesWithoutStreamsAndWithAFullBucketAreForgotten() {
        Limits limits = limits(10, 10, 5);
        limits.admitStream("streams");
        limits.publishRetryAfterSeconds("publisher");
        limits.admitStream("both");
        limits.publishRetryAfterSeconds("both");
        assertThat(limits.addressesKnown()).isEqualTo(3);

        limits.sweep();
        assertThat(limits.addressesKnown()).as("nothing is full again yet").isEqualTo(3);

        clock.addAndGet(SECOND);
        limits.sweep();
        assertThat(limits.addressesKnown()).as("the publisher's bucket is full again").isEqualTo(2);

        limits.streamClosed("streams");
        assertThat(limits.addressesKnown()).as("forgotten as its last stream closes").isEqualTo(1);
        limits.streamClosed("both");
        assertThat(limits.addressesKnown()).isZero();
    }
}
