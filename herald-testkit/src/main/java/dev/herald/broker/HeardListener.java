package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BrokerListener} for tests: what it hears, events ({@link StoredEvent}) and gaps ({@link Gap}), in one queue
 * in the order they came, read by a test that waits at most its patience for each.
 */
public final class HeardListener implements BrokerListener {

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final Duration patience;

    /** Waits at most {@code patience} for each {@link #next}. */
    public HeardListener(Duration patience) {
        this.patience = patience;
    }

    @Override
    public void onEvent(StoredEvent event) {
        items.add(event);
    }

    @Override
    public void onGap(Gap gap) {
        items.add(gap);
    }

    /** The next event or gap; fails the test when none came within the patience. */
    public Object next() {
        Object item = poll(patience);
        assertThat(item).as("an event or a gap within " + patience).isNotNull();
        return item;
    }

    /** Fails the test when anything more arrives within {@code quiet}. */
    public void nothingMore(Duration quiet) {
        assertThat(poll(quiet)).as("nothing more").isNull();
    }

    private Object poll(Duration wait) {
        try {
            return items.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
