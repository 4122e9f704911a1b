package dev.herald.vertx;

import dev.herald.testing.PatternRoutesContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared pattern-subscription contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxPatternRoutesIT extends PatternRoutesContract {

    @RegisterExtension
    static final RouteContractsApp app = new RouteContractsApp();

    @Override
    protected URI base() {
        return app.events();
    }
}
