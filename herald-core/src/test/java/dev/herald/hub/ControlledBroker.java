package dev.herald.hub;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.sse.SseEvent;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broker that forwards to another, counts the subscriptions open at it, and can hold replays back until the
 * test releases them, either before the replay is read or after it was read but before it is handed over.
 */
final class ControlledBroker implements Broker {

    enum Hold {
        /** Replays as the broker does. */
        NONE,
        /** Reads the replay on another thread a moment later and hands it over from a third, as a networked broker would. */
        ASYNC,
        /** Reads the replay only when the test releases it. */
        BEFORE_READ,
        /** Reads the replay at once but hands it over only when the test releases it. */
        AFTER_READ,
        /** Fails every replay, as a broker that lost its connection would. */
        FAIL
    }

    private final Broker delegate;
    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private final AtomicInteger openSubscriptions = new AtomicInteger();
    private volatile Hold hold = Hold.NONE;

    ControlledBroker(Broker delegate) {
        this.delegate = delegate;
    }

    void hold(Hold newHold) {
        hold = newHold;
    }

    void release() {
        gate.complete(null);
    }

    int openSubscriptions() {
        return openSubscriptions.get();
    }

    @Override
    public CompletionStage<StoredEvent> publish(AdmittedEvent event) {
        return delegate.publish(event);
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        return delegate.subscribe(channel, listener).thenApply(subscription -> {
            openSubscriptions.incrementAndGet();
            AtomicBoolean cancelled = new AtomicBoolean();
            return () -> {
                if (cancelled.compareAndSet(false, true)) {
                    openSubscriptions.decrementAndGet();
                }
                subscription.cancel();
            };
        });
    }

    @Override
    public CompletionStage<Replay> replay(Set<String> channels, String lastEventId) {
        return switch (hold) {
            case NONE -> delegate.replay(channels, lastEventId);
            case ASYNC -> CompletableFuture.runAsync(Thread::yield)
                    .thenCompose(ran -> delegate.replay(channels, lastEventId))
                    .thenApplyAsync(replay -> replay);
            case BEFORE_READ -> gate.thenCompose(released -> delegate.replay(channels, lastEventId));
            case AFTER_READ -> delegate.replay(channels, lastEventId).thenCombine(gate, (replay, released) -> replay);
            case FAIL -> CompletableFuture.failedFuture(new IllegalStateException("history is unreachable"));
        };
    }

    /** Not held: the hub reads the newest events before the stream opens, as it reads a new client's head. */
    @Override
    public CompletionStage<Replay> latest(Set<String> channels, int count) {
        return delegate.latest(channels, count);
    }

    /** The head as the broker has it, whatever is held. */
    CompletionStage<Replay> replayWithoutHold(Set<String> channels) {
        return delegate.replay(channels, null);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
