package dev.herald.server;

import dev.herald.testing.PublishBatchContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The batch publish contract on the server with one broker ({@code MemoryPublishBatchIT}, {@code PubSubPublishBatchIT},
 * {@code StreamsPublishBatchIT}): a batch is published item after item through the broker's own publish, so each
 * mode must keep the order and ids the contract asks for. A Redis mode runs on a private redis-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PublishBatchOnServer extends PublishBatchContract {

    private final ServerBroker broker;
    private ServersOnBroker servers;

    PublishBatchOnServer(ServerBroker broker) {
        this.broker = broker;
    }

    @BeforeAll
    void start() {
        servers = ServersOnBroker.start(broker, 1);
    }

    @AfterAll
    void stop() {
        servers.close();
    }

    @Override
    protected URI base() {
        return servers.base();
    }
}
