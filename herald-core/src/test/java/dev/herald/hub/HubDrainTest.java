package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A draining hub, on real loops and its real timer, with a plan of a known window and a seeded random. */
class HubDrainTest {

    private static final Duration RETRY = Duration.ofMillis(1_000);
    private static final Duration WINDOW = Duration.ofMillis(600);
    private static final Pattern RETRY_FIELD = Pattern.compile("retry: (\\d+)\n\n");

    private final MemoryBroker broker = new MemoryBroker(new HistoryPolicy(1_000, Duration.ofHours(1)));
    private final Hub hub = new Hub(broker, new HubOptions(Duration.ofHours(1), RETRY));
    private final List<Loop> loops = List.of(new Loop("loop-1"), new Loop("loop-2"));

    @AfterEach
    void stop() {
        hub.closeStreams();
        loops.forEach(Loop::close);
        broker.close();
    }

    private FakeSink liveClient(int i) {
        FakeSink sink = new FakeSink(loops.get(i % loops.size()));
        sink.loop.call(() -> hub.subscribe(Set.of("news"), null, sink));
        sink.nextFrames(2); // the retry frame and the resume point
        return sink;
    }

    private DrainPlan plan() {
        return new DrainPlan(WINDOW, RETRY, new SplittableRandom(7), System::nanoTime);
    }

    private void publish(String data) {
        broker.publish(new AdmittedEvent("news", SseEvent.of(null, data))).toCompletableFuture().join();
    }

    @Test
    void streamsEndAtDifferentInstantsWithinTheWindowEachAfterALastRetry() throws Exception {
        List<FakeSink> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(liveClient(i));
        }
        long start = System.nanoTime();

        CompletableFuture<Void> drained = hub.drain(plan()).toCompletableFuture();

        assertThat(hub.draining()).isTrue();
        drained.get(WINDOW.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMillis).as("the drain ends with the window, not long after").isLessThan(WINDOW.toMillis() + 1_500);
        List<Long> closedAfterMillis = new ArrayList<>();
        for (FakeSink client : clients) {
            assertThat(client.closed()).as("ended cleanly, not aborted").isTrue();
            closedAfterMillis.add((client.closedAtNanos() - start) / 1_000_000);
            List<String> last = client.queuedFrames();
            assertThat(last).as("the last frame is a retry").isNotEmpty();
            Matcher retry = RETRY_FIELD.matcher(last.get(last.size() - 1));
            assertThat(retry.matches()).as(last.toString()).isTrue();
            assertThat(Long.parseLong(retry.group(1))).isBetween(RETRY.toMillis(), 2 * RETRY.toMillis());
        }
        assertThat(closedAfterMillis).allSatisfy(after -> assertThat(after).isLessThan(WINDOW.toMillis() + 1_000));
        assertThat(closedAfterMillis.stream().distinct().count()).as("spread, not at once: " + closedAfterMillis)
                .isGreaterThan(10);
        assertThat(closedAfterMillis.stream().mapToLong(Long::longValue).max().orElseThrow()
                - closedAfterMillis.stream().mapToLong(Long::longValue).min().orElseThrow())
                .as("spread over most of the window: " + closedAfterMillis).isGreaterThan(WINDOW.toMillis() / 2);
        assertThat(hub.stats().connections()).isZero();
    }

    @Test
    void eventsKeepFlowingToAStreamUntilItEnds() throws Exception {
        FakeSink client = liveClient(0);
        CompletableFuture<Void> drained = hub.drain(new DrainPlan(Duration.ofSeconds(30), RETRY,
                new FixedFraction(0.99), System::nanoTime)).toCompletableFuture();

        publish("during the drain");

        assertThat(client.nextFrame()).contains("data: during the drain");
        assertThat(client.ended()).isFalse();
        assertThat(drained).isNotDone();
    }

    @Test
    void aHubWithoutStreamsDrainsAtOnce() throws Exception {
        hub.drain(plan()).toCompletableFuture().get(200, TimeUnit.MILLISECONDS);
        assertThat(hub.draining()).isTrue();
    }

    @Test
    void aStreamOpenedDuringTheDrainEndsWithinTheWindowToo() throws Exception {
        FakeSink early = liveClient(0);
        CompletableFuture<Void> drained = hub.drain(plan()).toCompletableFuture();

        FakeSink late = liveClient(1);

        drained.get(WINDOW.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        assertThat(early.closed()).isTrue();
        assertThat(late.closed()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> hub.stats().connections() == 0);
    }

    @Test
    void drainingTwiceIsTheSameDrain() {
        liveClient(0);
        assertThat(hub.drain(plan())).isSameAs(hub.drain(plan()));
    }

    /** Always the same fraction of the bound. */
    private record FixedFraction(double fraction) implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return (long) (bound * fraction);
        }
    }
}
