package dev.herald.vertx;

import dev.herald.testing.PublishChannelsContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared contract of one event on several channels on the Vert.x routes, mounted under /events of an application's router. */
class VertxPublishChannelsIT extends PublishChannelsContract {

    @RegisterExtension
    static final RouteContractsApp app = new RouteContractsApp();

    @Override
    protected URI base() {
        return app.events();
    }
}
