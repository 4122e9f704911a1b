package dev.herald.vertx;

import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up every Vert.x run of a testkit route contract shares, written once: the application of
 * {@link MountedHerald#startForRouteContracts}, started before the class's first test and stopped after its last.
 *
 * <pre>{@code @RegisterExtension static final RouteContractsApp app = new RouteContractsApp();}</pre>
 */
final class RouteContractsApp implements BeforeAllCallback, AfterAllCallback {

    private MountedHerald app;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        app = MountedHerald.startForRouteContracts();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        app.stop();
    }

    /** Where Herald's routes are mounted: {@code /events}. */
    URI events() {
        return app.events();
    }

    /** The running Herald. */
    Herald herald() {
        return app.herald;
    }
}
