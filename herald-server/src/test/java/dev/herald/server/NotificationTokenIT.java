package dev.herald.server;

import dev.herald.auth.AccessOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.PublisherTokenContract;
import dev.herald.testing.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The publisher-token contract on the server's POST /send_notification: it stands behind the same gate as the routes'
 * POST /publish (herald-vertx's {@code PublisherTokenIT}).
 */
class NotificationTokenIT extends PublisherTokenContract {

    private static final String NOTIFY = "{\"message\":\"hello\"}";
    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start(HeraldConfig.defaults().withAccess(AccessOptions.tokens(TestTokens.OPTIONS))
                .withLimits(LimitsOptions.builder().publishRate(ADDRESS_PUBLISH_RATE).build()));
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    @Override
    protected URI publishUri() {
        return herald.uri("/send_notification");
    }

    @Override
    protected String body() {
        return NOTIFY;
    }

    @Override
    protected URI streamUri() {
        return herald.uri("/stream");
    }
}
