package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.serve.PublishService;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.server.webhook.GitHubWebhookRoute;
import dev.herald.server.webhook.MemoryRedeliveries;
import dev.herald.server.webhook.WebhookAccess;
import dev.herald.testing.CapturedLog;
import dev.herald.vertx.Herald;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook's route on its own, over real HTTP on loopback, for what a whole server on loopback cannot be made to
 * do: be bound elsewhere without a secret (the webhook is off), and have its broker refuse an event.
 */
class GitHubWebhookRouteIT {

    private Vertx vertx;
    private Herald herald;
    private MemoryRedeliveries redeliveries;

    @BeforeEach
    void startHerald() throws Exception {
        vertx = Vertx.vertx();
        herald = Herald.builder().build(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redeliveries = new MemoryRedeliveries(10);
    }

    @AfterEach
    void stop() throws Exception {
        herald.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Serves the route alone on a free loopback port. */
    private URI serve(WebhookAccess access) throws Exception {
        Router router = Router.router(vertx);
        new GitHubWebhookRoute(herald.publisher(), GitHubWebhookOptions.defaults(), access, redeliveries)
                .mount(router, 64 * 1024);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + server.actualPort() + GitHubWebhookRoute.PATH);
    }

    @Test
    void whenTheWebhookIsOffEveryDeliveryIsA403ThatSaysHowToTurnItOn() throws Exception {
        URI webhook = serve(WebhookAccess.OFF);

        HttpResponse<String> response = GitHubSender.to(webhook, null).deliver("push", "d-1", GitHubSender.PUSH);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"The GitHub webhook is off")
                .contains("--github-webhook-secret", "HERALD_GITHUB_WEBHOOK_SECRET");
        assertThat(herald.stats().eventsPublished()).isZero();
    }

    @Test
    void aDeliveryTheBrokerRefusesIsA503AndItsRedeliveryIsPublished() throws Exception {
        URI webhook = serve(WebhookAccess.UNSIGNED_ON_LOOPBACK);
        herald.close().toCompletableFuture().get(10, TimeUnit.SECONDS); // a closed broker refuses every event

        try (CapturedLog publishing = CapturedLog.of(PublishService.class)) {
            HttpResponse<String> response = GitHubSender.to(webhook, null).deliver("push", "d-2", GitHubSender.PUSH);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo(
                    "{\"status\":\"error\",\"message\":\"The event could not be published right now; try again\"}");
            assertThat(publishing.awaitMessage()).isEqualTo("publish failed / the broker is closed");
        }
        assertThat(redeliveries.firstDelivery("github", "d-2").toCompletableFuture().get(10, TimeUnit.SECONDS))
                .as("the id was forgotten, so that GitHub's redelivery is published").isTrue();
    }
}
