package dev.herald.vertx;

import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.LimitsContract;
import dev.herald.testing.StreamRoutesContract;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared limits contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxLimitsIT extends LimitsContract {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder()
                .hub(new HubOptions(StreamRoutesContract.HEARTBEAT, Duration.ofSeconds(3)))
                .limits(
                        LimitsOptions.builder().maxStreams(MAX_STREAMS)
                                .maxStreamsPerClient(MAX_STREAMS_PER_CLIENT).publishRate(PUBLISH_RATE)
                                .trustedProxies(TRUSTED_PROXY).build()));
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
    protected int streamsOpen() {
        return app.herald.limits().streamsOpen();
    }
}
