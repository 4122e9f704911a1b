package dev.herald.vertx;

import dev.herald.testing.IdempotencyContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared idempotent publish contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxIdempotencyIT extends IdempotencyContract {

    @RegisterExtension
    static final RouteContractsApp app = new RouteContractsApp();

    @Override
    protected URI base() {
        return app.events();
    }
}
