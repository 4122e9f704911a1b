package dev.herald.vertx;

import dev.herald.broker.BrokerFactory;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.BackpressureContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared backpressure contract on the Vert.x routes, mounted under /events, with the contract's options. */
class VertxBackpressureIT extends BackpressureContract {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder()
                .broker(BrokerFactory.memory())
                .hub(HubOptions.defaults().withPublishBacklog(PUBLISH_BACKLOG, PUBLISH_WAIT))
                .limits(LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(10_000).publishRate(100_000).build()));
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
    }

    @Override
    protected URI base() {
        return app.events();
    }

    @Override
    protected long publishesSlowed() {
        return app.stats().publishesSlowed();
    }
}
