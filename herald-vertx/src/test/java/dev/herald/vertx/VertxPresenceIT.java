package dev.herald.vertx;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.presence.PresenceOptions;
import dev.herald.testing.PresenceContract;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared presence contract on the Vert.x routes, mounted under /events of an application's router. */
class VertxPresenceIT extends PresenceContract {

    private static final TokenOptions TOKENS = TokenOptions.secret(SECRET);

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder()
                .access(AccessOptions.tokens(TOKENS).withPrivateChannels(ChannelPatterns.parse(PRIVATE_CHANNELS)))
                .presence(PresenceOptions.defaults().withChannels(ChannelPatterns.parse(PRESENCE_CHANNELS))));
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
    protected String token(String subject, List<String> publish, List<String> subscribe) {
        return new TokenMinter(TOKENS).mint(subject, publish, subscribe, false, Duration.ofHours(1), Instant.now());
    }
}
