package dev.herald.server;

import dev.herald.testing.PublishChannelsContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of one event on several channels on the server with one broker ({@code MemoryPublishChannelsIT},
 * {@code PubSubPublishChannelsIT}, {@code StreamsPublishChannelsIT}): each broker gives the event one id and one
 * sequence its own way. A Redis mode runs on a private redis-server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PublishChannelsOnServer extends PublishChannelsContract {

    private final ServerBroker broker;
    private ServersOnBroker servers;

    PublishChannelsOnServer(ServerBroker broker) {
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
