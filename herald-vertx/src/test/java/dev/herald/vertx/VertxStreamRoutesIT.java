package dev.herald.vertx;

import dev.herald.testing.StreamRoutesContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared stream contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxStreamRoutesIT extends StreamRoutesContract {

    @RegisterExtension
    static final RouteContractsApp app = new RouteContractsApp();

    @Override
    protected URI base() {
        return app.events();
    }

    @Override
    protected long subscribersDropped() {
        return app.herald().stats().subscribersDropped();
    }
}
