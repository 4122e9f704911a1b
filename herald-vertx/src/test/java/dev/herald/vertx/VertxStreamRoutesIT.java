package dev.herald.vertx;

import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.broker.BrokerFactory;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.StreamRoutesContract;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared stream contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxStreamRoutesIT extends StreamRoutesContract {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder()
                .broker(BrokerFactory.memory(new HistoryPolicy(HISTORY_SIZE, Duration.ofHours(1))))
                .hub(new HubOptions(HEARTBEAT, Duration.ofMillis(RETRY_MILLIS)))
                .routes(new SseRoutesOptions(BUFFER_LIMIT_BYTES, 64 * 1024, 64))
                // Every request of the suite comes from 127.0.0.1: no per-address limit may refuse one.
                .limits(
                        LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(10_000)
                                .publishRate(100_000).build()));
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
    protected long subscribersDropped() {
        return app.herald.stats().subscribersDropped();
    }
}
