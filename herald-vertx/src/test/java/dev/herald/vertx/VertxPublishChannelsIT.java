package dev.herald.vertx;

import dev.herald.testing.PublishChannelsContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared contract of one event on several channels on the Vert.x routes, mounted under /events of an application's router. */
class VertxPublishChannelsIT extends PublishChannelsContract {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.startForRouteContracts();
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
    }

    @Override
    protected URI base() {
        return app.events();
    }
}
