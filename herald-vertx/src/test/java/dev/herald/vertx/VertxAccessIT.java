package dev.herald.vertx;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.testing.AccessContract;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared access contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxAccessIT extends AccessContract {

    private static final TokenOptions TOKENS = TokenOptions.secret(SECRET);

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder()
                .access(AccessOptions.tokens(TOKENS).withPrivateChannels(ChannelPatterns.parse(PRIVATE_CHANNELS))));
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
    protected String token(List<String> publish, List<String> subscribe, Duration ttl) {
        return new TokenMinter(TOKENS).mint(publish, subscribe, ttl, Instant.now());
    }
}
