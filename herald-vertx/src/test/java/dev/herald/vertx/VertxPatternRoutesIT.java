package dev.herald.vertx;

import dev.herald.testing.PatternRoutesContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared pattern-subscription contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxPatternRoutesIT extends PatternRoutesContract {

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
