package dev.herald.vertx;

import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.DrainContract;
import java.net.URI;
import java.time.Duration;

/** The drain contract on the Vert.x routes, stopped as vertx.md says: the server shut down while Herald drains. */
class VertxDrainIT extends DrainContract {

    private MountedHerald app;

    @Override
    protected URI startNode() throws Exception {
        app = MountedHerald.start(Herald.builder()
                .hub(new HubOptions(Duration.ofMillis(200), Duration.ofMillis(RETRY_MILLIS), Duration.ofSeconds(30),
                        DRAIN_TIME))
                .limits(LimitsOptions.builder().maxStreamsPerClient(10_000).publishRate(100_000).build()));
        return app.events();
    }

    @Override
    protected void stopNode() throws Exception {
        app.drainAndStop();
    }

    @Override
    protected long openOnNode() {
        return app.stats().streamsOpen();
    }
}
