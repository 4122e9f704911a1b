package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.AccessOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.PublisherTokenContract;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publisher-token contract on the Vert.x routes' POST /publish, and what only it shows: the channel checked is the
 * body's, a bearer token needs no origin check, streams of public channels need no token.
 */
class PublisherTokenIT extends PublisherTokenContract {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder().access(AccessOptions.tokens(TestTokens.OPTIONS))
                .limits(LimitsOptions.builder().publishRate(ADDRESS_PUBLISH_RATE).build()));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Override
    protected URI publishUri() {
        return app.events("/publish");
    }

    @Override
    protected String body() {
        return "{\"channel\":\"sse\",\"data\":\"x\"}";
    }

    @Override
    protected URI streamUri() {
        return app.events("/stream");
    }

    @Test
    void theChannelInTheBodyIsTheOneChecked() {
        String token = TestTokens.token(List.of("orders-*"), List.of());

        assertThat(TestHttp.post(app.events("/publish"), "application/json", "{\"channel\":\"orders-eu\",\"data\":1}",
                bearer(token)).statusCode()).isEqualTo(200);
        HttpResponse<String> other = TestHttp.post(app.events("/publish"), "application/json",
                "{\"channel\":\"payments\",\"data\":1}", bearer(token));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("channel payments");
    }

    @Test
    void everyChannelOfAListIsCheckedBeforeAnythingIsPublished() {
        String token = TestTokens.token(List.of("orders-*"), List.of());
        try (SseTestClient orders = SseTestClient.connect(app.events("/stream?channel=orders-eu"))) {
            orders.nextRetry();

            HttpResponse<String> refused = TestHttp.post(app.events("/publish"), "application/json",
                    "{\"channels\":[\"orders-eu\",\"payments\"],\"data\":1}", bearer(token));
            HttpResponse<String> inBatch = TestHttp.post(app.events("/publish/batch"), "application/json",
                    "[{\"channel\":\"orders-eu\",\"data\":1},{\"channels\":[\"orders-us\",\"payments\"],\"data\":2}]",
                    bearer(token));
            HttpResponse<String> allowed = TestHttp.post(app.events("/publish"), "application/json",
                    "{\"channels\":[\"orders-eu\",\"orders-us\"],\"data\":3}", bearer(token));

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo(
                    "{\"status\":\"error\",\"message\":\"channels[1]: this token may not publish on channel payments\"}");
            assertThat(inBatch.statusCode()).isEqualTo(403);
            assertThat(inBatch.body()).contains("[1].channels[1]: this token may not publish on channel payments");
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
            assertThat(orders.next().data()).as("nothing of the refused publishes").isEqualTo("3");
        }
    }

    @Test
    void aBearerTokenNeedsNoOriginCheck() {
        HttpResponse<String> response = post(Map.of("Authorization", "Bearer " + TestTokens.token(List.of("*"), List.of()),
                "Origin", "https://other.example", "Sec-Fetch-Site", "cross-site"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void streamsOfPublicChannelsNeedNoToken() {
        try (SseTestClient client = SseTestClient.connect(app.events("/stream?channel=news"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.nextRetry()).isEqualTo(3000);
        }
    }
}
