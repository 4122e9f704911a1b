package dev.herald.broker;

import dev.herald.broker.memory.MemoryBroker;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a node gets its broker: the open door for brokers. The memory broker's factory is {@link #memory}; herald-redis's
 * {@code BrokerOptions} are factories of the Redis brokers; a new broker (NATS, PostgreSQL) is a new module whose
 * factory this is and whose broker passes the broker contract suite. Nothing in an HTTP adapter names a broker.
 */
public interface BrokerFactory {

    /** What the broker is, without any password: for the start line, logs and health details. */
    String describe();

    /**
     * Builds and connects the broker. Completes at once for the memory broker; for a remote store, once it answered,
     * and fails with a message naming it (password-free) when it cannot be reached.
     */
    CompletionStage<Broker> connect(Context context);

    /**
     * What the node offers a broker it builds.
     *
     * @param connection where a broker reports its connection to its remote store coming and going
     * @param shared     runtime objects of the application's that a broker may use rather than make its own (the
     *                   application's Vert.x, say), by type
     */
    record Context(BrokerConnection connection, Map<Class<?>, Object> shared) {

        public Context {
            shared = Map.copyOf(shared);
        }

        /** The shared object of {@code type}, if the application offered one. */
        public <T> Optional<T> shared(Class<T> type) {
            return Optional.ofNullable(shared.get(type)).map(type::cast);
        }
    }

    /** The in-memory broker with {@code history}: one node, nothing to connect to. */
    static BrokerFactory memory(HistoryPolicy history) {
        return new BrokerFactory() {
            @Override
            public String describe() {
                return "in-memory broker";
            }

            @Override
            public CompletionStage<Broker> connect(Context context) {
                return CompletableFuture.completedFuture(new MemoryBroker(history));
            }
        };
    }

    /** The in-memory broker with {@link HistoryPolicy#defaults()}. */
    static BrokerFactory memory() {
        return memory(HistoryPolicy.defaults());
    }
}
