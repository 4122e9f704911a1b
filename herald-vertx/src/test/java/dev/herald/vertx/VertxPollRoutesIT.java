package dev.herald.vertx;

import dev.herald.testing.PollRoutesContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared poll contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxPollRoutesIT extends PollRoutesContract {

    @RegisterExtension
    static final RouteContractsApp app = new RouteContractsApp();

    @Override
    protected URI base() {
        return app.events();
    }

    @Override
    protected int streamsOpen() {
        return app.herald().limits().streamsOpen();
    }
}
