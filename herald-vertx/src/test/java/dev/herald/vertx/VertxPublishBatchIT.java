package dev.herald.vertx;

import dev.herald.testing.PublishBatchContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared batch publish contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxPublishBatchIT extends PublishBatchContract {

    @RegisterExtension
    static final RouteContractsApp app = new RouteContractsApp();

    @Override
    protected URI base() {
        return app.events();
    }
}
