package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.ParsedEvent;
import dev.herald.vertx.testing.SseTestClient;
import dev.herald.vertx.testing.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Herald nodes behind one real Redis (Pub/Sub mode): fan-out across nodes, and a Redis outage. */
class ScaleOutIT {

    private RedisServerProcess redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    private RunningServer node() {
        return RunningServer.start(HeraldConfig.defaults().withRedis(redis.url()).withHeartbeat(Duration.ofMillis(200)));
    }

    @Test
    void aPublishOnOneNodeReachesTheSubscribersOfEveryNodeInOrder() {
        try (RunningServer a = node();
             RunningServer b = node();
             SseTestClient onA = SseTestClient.connect(a.uri("/stream?channel=news"));
             SseTestClient onB = SseTestClient.connect(b.uri("/stream?channel=news"))) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> published = TestHttp.post(a.uri("/publish"),
                        "{\"channel\":\"news\",\"data\":\"" + i + "\"}");
                assertThat(published.statusCode()).isEqualTo(200);
            }
            for (int i = 0; i < 20; i++) {
                ParsedEvent fromA = onA.next();
                ParsedEvent fromB = onB.next();
                assertThat(fromA.data()).isEqualTo(Integer.toString(i));
                assertThat(fromB.data()).isEqualTo(Integer.toString(i));
                assertThat(fromB.lastEventId()).as("a Herald publish carries one id to every node").isEqualTo(fromA.lastEventId());
            }
        }
    }

    @Test
    void theSeedsNotificationFromOneNodeAppearsOnTheOther() {
        try (RunningServer a = node();
             RunningServer b = node();
             SseTestClient onA = SseTestClient.connect(a.uri("/stream"))) {
            assertThat(TestHttp.post(b.uri("/send_notification"), "{\"message\":\"from b\"}").statusCode()).isEqualTo(200);
            ParsedEvent event = onA.next();
            assertThat(event.type()).isEqualTo("notify");
            assertThat(event.data()).isEqualTo("{\"message\":\"from b\"}");
        }
    }

    @Test
    void whileRedisIsDownStreamsStayOpenAndPublishingAnswers503() throws Exception {
        Vertx vertx = Vertx.vertx();
        Redis probe = Redis.createClient(vertx, redis.url());
        try (RunningServer herald = node();
             SseTestClient client = SseTestClient.connect(herald.uri("/stream"))) {
            redis.stop();

            HttpResponse<String> refused = TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"during\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).startsWith("{\"status\":\"error\",\"message\":\"");
            client.nextComment();
            client.nextComment();
            assertThat(client.ended()).isNotDone();

            redis.startAgain();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> probe
                    .send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg("sse"))
                    .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).get(1).toLong() == 1);
            assertThat(TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"after\"}").statusCode()).isEqualTo(200);
            assertThat(client.next().data()).isEqualTo("{\"message\":\"after\"}");
        } finally {
            probe.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
