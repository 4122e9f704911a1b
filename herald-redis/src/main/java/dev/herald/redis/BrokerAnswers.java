package dev.herald.redis;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.StoredEvent;
import io.vertx.core.Future;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Redis broker's answers as the {@link dev.herald.broker.Broker} contract words them, one rule for both Streams
 * brokers: a failure of Redis is a {@link BrokerUnavailableException} (one already, such as a {@code WAIT} that too
 * few replicas confirmed, passes as it is), and a publish completes once the event is stored and this node has handed
 * it to its own listeners, or fails after {@value #DELIVERY_TIMEOUT_SECONDS} s without that (the node lost its
 * subscription connection and cannot catch up) although Redis holds the event.
 */
public final class BrokerAnswers {

    /** How long a publish waits for its event to reach this node's own listeners. */
    public static final long DELIVERY_TIMEOUT_SECONDS = 10;

    private BrokerAnswers() {
    }

    /** Redis's answer; its failure, whatever it was, as a {@link BrokerUnavailableException} naming {@code what}. */
    public static <T> CompletionStage<T> unavailableOnFailure(Future<T> answer, String what) {
        return answer.toCompletionStage().handle((value, error) -> {
            if (error instanceof BrokerUnavailableException unavailable) {
                throw unavailable;
            }
            if (error != null) {
                throw new BrokerUnavailableException(what + error.getMessage(), error);
            }
            return value;
        });
    }

    /** {@code event} once {@code delivered} completed, or the contract's failure after the delivery timeout. */
    public static CompletionStage<StoredEvent> deliveredInTime(CompletionStage<?> delivered, StoredEvent event) {
        return delivered.toCompletableFuture().orTimeout(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .handle((ok, error) -> {
                    if (error instanceof TimeoutException) {
                        throw new BrokerUnavailableException("Redis stored event " + event.event().id()
                                + " but this node did not receive it within " + DELIVERY_TIMEOUT_SECONDS + " s", error);
                    }
                    if (error != null) {
                        throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
                    }
                    return event;
                });
    }
}
