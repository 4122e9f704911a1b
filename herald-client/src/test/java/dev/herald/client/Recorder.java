package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that puts every call, in order, into one queue, and the thread each came on into another. */
class Recorder implements EventSourceListener {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    /** The calls without arguments: {@code onOpen} and {@code onClosed}. */
    enum Signal { OPEN, CLOSED }

    record Comment(String text) {
    }

    final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    @Override
    public void onOpen() {
        record(Signal.OPEN);
    }

    @Override
    public void onEvent(ParsedEvent event) {
        record(event);
    }

    @Override
    public void onComment(String comment) {
        record(new Comment(comment));
    }

    @Override
    public void onHistoryGone(HistoryGone gone) {
        record(gone);
    }

    @Override
    public void onTokenExpired(TokenExpired expired) {
        record(expired);
    }

    @Override
    public void onError(EventSourceException error) {
        record(error);
    }

    @Override
    public void onClosed() {
        record(Signal.CLOSED);
    }

    private void record(Object call) {
        threads.add(Thread.currentThread().getName());
        calls.add(call);
    }

    /** The next call, waiting for it. */
    Object next() {
        try {
            Object call = calls.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(call).as("a listener call within %s", PATIENCE).isNotNull();
            return call;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next call, which must be of that type. */
    <T> T next(Class<T> type) {
        Object call = next();
        assertThat(call).isInstanceOf(type);
        return type.cast(call);
    }

    /** The next call, which must be that one. */
    void expect(Object call) {
        assertThat(next()).isEqualTo(call);
    }

    /** Checks that no call arrives within a short while. */
    void assertNothingMore() {
        try {
            Object call = calls.poll(300, TimeUnit.MILLISECONDS);
            assertThat(call).as("no further listener call").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static ParsedEvent message(String data, String lastEventId) {
        return new ParsedEvent("message", data, lastEventId);
    }
}
