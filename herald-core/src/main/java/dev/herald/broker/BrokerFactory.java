package dev.herald.broker;

import dev.herald.broker.memory.MemoryBroker;
import dev.herald.publish.IdempotencyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How a node gets its broker: the open door for brokers. The memory broker's factory is {@link #memory}; herald-redis's
 * {@code BrokerOptions} are factories of the Redis brokers; a new broker (NATS, PostgreSQL) is a new module whose
 * factory this is and whose broker passes the broker contract suite. Nothing in an HTTP adapter names a broker.
 */
public interface BrokerFactory {

    /** What the broker is, without any password: for the start line, logs and health details. */
    String describe();

    /**
     * What kind of broker it is, in a word, for the console's status: {@code memory}, {@code redis-pubsub},
     * {@code redis-streams}; a broker of another module names its own. By default {@code other}.
     */
    default String kind() {
        return "other";
    }

    /**
     * Builds and connects the broker. Completes at once for the memory broker; for a remote store, once it answered,
     * and fails with a message naming it (password-free) when it cannot be reached.
     */
    CompletionStage<Broker> connect(Context context);

    /**
     * What the node offers a broker it builds: where it reports its connection, the application's runtime objects it
     * may use rather than make its own (the application's Vert.x, say, by type), and a place for what must close after
     * it (what the factory made for the broker alone).
     */
    final class Context {
        private final BrokerConnection connection;
        private final Map<Class<?>, Object> shared;
        private final List<Runnable> afterClose = new CopyOnWriteArrayList<>();
        private volatile IdempotencyStore idempotencyStore;

        public Context(BrokerConnection connection, Map<Class<?>, Object> shared) {
            this.connection = connection;
            this.shared = Map.copyOf(shared);
        }

        /** Where the broker reports its connection to its remote store coming and going. */
        public BrokerConnection connection() {
            return connection;
        }

        /** The shared object of {@code type}, if the application offered one. */
        public <T> Optional<T> shared(Class<T> type) {
            return Optional.ofNullable(shared.get(type)).map(type::cast);
        }

        /** Runs {@code task} once the broker is closed, when the node closes. */
        public void closeAfterBroker(Runnable task) {
            afterClose.add(task);
        }

        /**
         * Offers the node a store of idempotency keys that every node of the same remote store shares (Redis's);
         * without one, the node keeps its keys in its own memory.
         */
        public void offerIdempotencyStore(IdempotencyStore store) {
            this.idempotencyStore = store;
        }

        /** The store {@link #offerIdempotencyStore offered}, if any. */
        public Optional<IdempotencyStore> idempotencyStore() {
            return Optional.ofNullable(idempotencyStore);
        }

        /** What {@link #closeAfterBroker} collected, in order. */
        public List<Runnable> afterClose() {
            return List.copyOf(afterClose);
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
            public String kind() {
                return "memory";
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
