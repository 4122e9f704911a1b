package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.HubOptions;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.server.webhook.GitHubWebhookRoute;
import dev.herald.server.webhook.OncePerDelivery;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.SseTestClient;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two Herald nodes on one private Redis share the delivery ids they have seen, so a redelivery is published once. */
class GitHubWebhookScaleOutIT {

    private static final String SECRET = "s3cret-for-the-test";
    private static final Duration QUIET = Duration.ofMillis(300);

    private RedisServerProcess redis;
    private Vertx vertx;
    private Redis probe;

    @BeforeEach
    void startRedis() {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
        probe = Redis.createClient(vertx, redis.url());
    }

    @AfterEach
    void stopRedis() throws Exception {
        probe.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    private RunningServer node(RedisMode mode) {
        return RunningServer.start(HeraldConfig.defaults().withBroker(mode.options(redis.url()))
                .withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3)))
                .withGitHubWebhook(GitHubWebhookOptions.defaults().withSecret(SECRET)));
    }

    private static GitHubSender github(RunningServer node) {
        return GitHubSender.to(node.uri(GitHubWebhookRoute.PATH), SECRET);
    }

    private Response redis(Request request) throws Exception {
        return probe.send(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void theSameDeliveryToTwoNodesIsPublishedOnce(RedisMode mode) throws Exception {
        try (RunningServer a = node(mode);
             RunningServer b = node(mode);
             SseTestClient onA = SseTestClient.connect(a.uri("/stream"));
             SseTestClient onB = SseTestClient.connect(b.uri("/stream"))) {
            String id = UUID.randomUUID().toString();

            HttpResponse<String> first = github(a).deliver("push", id, GitHubSender.PUSH);
            HttpResponse<String> second = github(b).deliver("push", id, GitHubSender.PUSH);

            assertThat(List.of(first.body(), second.body())).containsExactly("{\"status\":\"ok\"}",
                    "{\"status\":\"ok\",\"message\":\"duplicate delivery ignored\"}");
            assertThat(onA.next().data()).isEqualTo(GitHubSender.PUSH_DATA);
            assertThat(onB.next().data()).isEqualTo(GitHubSender.PUSH_DATA);
            onA.assertNoMoreEvents(QUIET);
            onB.assertNoMoreEvents(QUIET);
            long ttl = redis(Request.cmd(Command.TTL).arg("herald:webhook:github:" + id)).toLong();
            assertThat(ttl).as("the id is remembered for a day").isBetween(86_000L, 86_400L);
        }
    }

    @Test
    void whileRedisCannotTellADeliveryIsA503AndPublishesNothing() throws Exception {
        try (RunningServer node = node(RedisMode.PUBSUB);
             SseTestClient client = SseTestClient.connect(node.uri("/stream"));
             CapturedLog webhookLog = CapturedLog.of(OncePerDelivery.class);
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class)) {
            String id = UUID.randomUUID().toString();
            redis.stop();

            HttpResponse<String> refused = github(node).deliver("push", id, GitHubSender.PUSH);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).isEqualTo(
                    "{\"status\":\"error\",\"message\":\"Cannot check for a redelivery right now; redeliver later\"}");
            assertThat(webhookLog.awaitMessage()).startsWith("cannot tell whether delivery " + id + " to webhook github is a redelivery");
            subscriberLog.awaitMessageContaining("lost the Redis subscription connection");
            client.assertNoMoreEvents(QUIET);

            redis.startAgain();
            subscriberLog.awaitMessageContaining("Redis subscription restored");
            HttpResponse<String> redelivered = github(node).deliver("push", id, GitHubSender.PUSH);

            assertThat(redelivered.body()).as("the refused delivery was not remembered").isEqualTo("{\"status\":\"ok\"}");
            assertThat(client.next().type()).as("the outage is told to the stream").isEqualTo("history-gone");
            assertThat(client.next().data()).as("GitHub's redelivery is published").isEqualTo(GitHubSender.PUSH_DATA);
            client.assertNoMoreEvents(QUIET);
        }
    }
}
