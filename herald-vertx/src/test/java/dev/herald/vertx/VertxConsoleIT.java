package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.AccessOptions;
import dev.herald.testing.ConsoleContract;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import dev.herald.web.console.ConsoleMode;
import dev.herald.web.console.ConsoleOptions;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's contract on the Vert.x routes, mounted under /events of an application's router: one application on
 * 127.0.0.1 that says its server listens on loopback only, one on 0.0.0.0 that says it does not.
 */
class VertxConsoleIT extends ConsoleContract {

    private static MountedHerald loopback;
    private static MountedHerald wildcard;

    @BeforeAll
    static void start() throws Exception {
        loopback = MountedHerald.start(Herald.builder().access(AccessOptions.tokens(TestTokens.OPTIONS))
                .console(ConsoleOptions.of(ConsoleMode.AUTO, "vertx-loopback", 0, true)));
        wildcard = MountedHerald.startOn("0.0.0.0", Herald.builder().access(AccessOptions.tokens(TestTokens.OPTIONS))
                .console(ConsoleOptions.of(ConsoleMode.AUTO, "vertx-wildcard", 0, false)));
    }

    @AfterAll
    static void stop() throws Exception {
        loopback.stop();
        wildcard.stop();
    }

    @Override
    protected URI loopbackBase() {
        return loopback.events();
    }

    @Override
    protected URI wildcardBase() {
        return wildcard.events();
    }

    @Test
    void theConsoleIsOffByDefaultInAnEmbeddingItsPathsNotFound() throws Exception {
        try (MountedHerald plain = MountedHerald.start(Herald.builder())) {
            for (String path : new String[] {"/console/", "/console/session", "/console/status", "/console/channels"}) {
                assertThat(TestHttp.get(plain.events(path)).statusCode()).as(path).isEqualTo(404);
            }
        }
    }

    @Test
    void modeTokenAsksForAnAdminTokenEvenOnALoopbackBind() throws Exception {
        try (MountedHerald strict = MountedHerald.start(Herald.builder().access(AccessOptions.tokens(TestTokens.OPTIONS))
                .console(ConsoleOptions.of(ConsoleMode.TOKEN, null, 0, true)))) {
            assertThat(TestHttp.get(strict.events("/console/session")).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void withoutATokenKeyNoTokenIsAnAdminsOffLoopback() throws Exception {
        try (MountedHerald open = MountedHerald.startOn("0.0.0.0", Herald.builder()
                .console(ConsoleOptions.of(ConsoleMode.AUTO, null, 0, false)))) {
            var refused = TestHttp.get(open.events("/console/session"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(TestHttp.json(refused).path("message").asText()).startsWith("no token key is configured");
        }
    }
}
