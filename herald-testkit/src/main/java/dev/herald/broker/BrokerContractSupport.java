package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the broker contract's suites share: a fresh broker per test (from {@link #createBroker()}), closed after it,
 * and the helpers they wait and publish with. Extend {@link BrokerContract}, not this.
 */
public abstract class BrokerContractSupport {

    /** How long a test waits for something that should come. */
    protected static final Duration PATIENCE = Duration.ofSeconds(5);
    /** How long a test waits to be sure that something does not come. */
    protected static final Duration QUIET = Duration.ofMillis(200);

    protected Broker broker;
    private final List<ExecutorService> pools = new ArrayList<>();

    /** A new, empty broker; closed after each test. */
    protected abstract Broker createBroker();

    @BeforeEach
    void openBroker() {
        broker = createBroker();
    }

    @AfterEach
    void closeBroker() {
        pools.forEach(ExecutorService::shutdownNow);
        broker.close();
    }

    // ---- helpers ----

    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the stage failed", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete in " + PATIENCE, e);
        }
    }

    protected static Throwable failureOf(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the stage did not complete in " + PATIENCE, e);
        }
        throw new AssertionError("the stage completed normally but was expected to fail");
    }

    protected StoredEvent publish(String channel, String data) {
        return await(broker.publish(new AdmittedEvent(channel, SseEvent.of(null, data))));
    }

    protected StoredEvent publish(String channel, SseEvent event) {
        return await(broker.publish(new AdmittedEvent(channel, event)));
    }

    protected BrokerSubscription subscribe(String channel, BlockingQueue<StoredEvent> into) {
        return await(broker.subscribe(channel, into::add));
    }

    protected static StoredEvent next(BlockingQueue<StoredEvent> queue) {
        try {
            StoredEvent event = queue.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + PATIENCE).isNotNull();
            return event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected static List<StoredEvent> next(BlockingQueue<StoredEvent> queue, int count) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next(queue));
        }
        return events;
    }

    protected static void assertNothingMoreArrives(BlockingQueue<StoredEvent> queue) {
        try {
            assertThat(queue.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected static List<String> dataOf(List<StoredEvent> events) {
        return events.stream().map(e -> e.event().data()).toList();
    }

    protected ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

}
