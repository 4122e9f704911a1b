package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.testing.AdminContract;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin's contract on the Vert.x routes, mounted under /events of an application's router, memory broker. */
class VertxAdminIT extends AdminContract {

    private static MountedHerald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = MountedHerald.start(Herald.builder().access(AccessOptions.tokens(TestTokens.OPTIONS)
                .withPrivateChannels(ChannelPatterns.parse(PRIVATE_CHANNELS))));
    }

    @AfterAll
    static void stop() throws Exception {
        herald.stop();
    }

    @Override
    protected URI base() {
        return herald.events();
    }

    @Test
    void withoutATokenKeyNoRequestIsAnAdmins() throws Exception {
        try (MountedHerald open = MountedHerald.start(Herald.builder())) {
            var refused = TestHttp.get(open.events("/admin/channels"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(TestHttp.json(refused).path("message").asText()).startsWith("no token key is configured");
        }
    }
}
