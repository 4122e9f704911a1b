package dev.herald.server;

import dev.herald.testing.IdempotencyContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The idempotent publish contract on the server with one broker ({@code MemoryIdempotencyIT},
 * {@code PubSubIdempotencyIT}, {@code StreamsIdempotencyIT}). A Redis mode runs two servers on one private
 * redis-server, so that a repeat sent to the second must find the key the first stored in Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdempotencyOnServer extends IdempotencyContract {

    private final ServerBroker broker;
    private ServersOnBroker servers;

    IdempotencyOnServer(ServerBroker broker) {
        this.broker = broker;
    }

    @BeforeAll
    void start() {
        servers = ServersOnBroker.start(broker, 2);
    }

    @AfterAll
    void stop() {
        servers.close();
    }

    @Override
    protected URI base() {
        return servers.base();
    }

    @Override
    protected URI otherNode() {
        return servers.other();
    }
}
