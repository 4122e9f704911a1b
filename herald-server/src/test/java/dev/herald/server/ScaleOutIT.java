package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import dev.herald.hub.HubOptions;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.serve.PublishService;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Herald nodes behind one real Redis, in both modes: fan-out across nodes, a Redis outage, a node that dies. */
class ScaleOutIT {

    @RegisterExtension
    final NodesOnRedis redis = new NodesOnRedis();

    private RunningServer node(RedisMode mode) {
        return redis.node(mode, config -> config.withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3))));
    }

    /** The Redis Pub/Sub channel a node subscribes to for an SSE channel. */
    private static String redisChannelOf(RedisMode mode, String channel) {
        return mode == RedisMode.STREAMS ? "herald:live:" + channel : channel;
    }

    @Test
    void inStreamsModeAPollRewindsAndResumesOnAnyNode() {
        try (RunningServer a = node(RedisMode.STREAMS);
             RunningServer b = node(RedisMode.STREAMS)) {
            for (int i = 1; i <= 3; i++) {
                assertThat(TestHttp.post(a.uri("/publish"), "{\"channel\":\"moving\",\"data\":\"r" + i + "\"}").statusCode())
                        .isEqualTo(200);
            }
            Polls.Answer rewound = Polls.poll(b.uri("/poll?channel=moving&rewind=2"));
            assertThat(rewound.data()).as("the newest two, read from Redis by the other node").containsExactly("r2", "r3");

            var waiting = Polls.send(b.uri("/poll?channel=moving&wait=15&since=" + rewound.next()));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.stats().streamsOpen() == 1);
            assertThat(TestHttp.post(a.uri("/publish"), "{\"channel\":\"moving\",\"data\":\"r4\"}").statusCode()).isEqualTo(200);
            Polls.Answer live = Polls.answerOf(Polls.await(waiting));
            assertThat(live.data()).containsExactly("r4");

            Polls.Answer onA = Polls.poll(a.uri("/poll?channel=moving&since=" + live.next()));
            assertThat(onA.events()).as("node A resumes node B's cursor: nothing repeated").isEmpty();
            assertThat(onA.historyGone()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void aPublishOnOneNodeReachesTheSubscribersOfEveryNodeInOrder(RedisMode mode) {
        try (RunningServer a = node(mode);
             RunningServer b = node(mode);
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

    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void theSeedsNotificationFromOneNodeAppearsOnTheOther(RedisMode mode) {
        try (RunningServer a = node(mode);
             RunningServer b = node(mode);
             SseTestClient onA = SseTestClient.connect(a.uri("/stream"))) {
            assertThat(TestHttp.post(b.uri("/send_notification"), "{\"message\":\"from b\"}").statusCode()).isEqualTo(200);
            ParsedEvent event = onA.next();
            assertThat(event.type()).isEqualTo("notify");
            assertThat(event.data()).isEqualTo("{\"message\":\"from b\"}");
        }
    }

    @SuppressWarnings("try") // a log captured only to keep it off the console
    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void whileRedisIsDownStreamsStayOpenAndPublishingAnswers503(RedisMode mode) throws Exception {
        Vertx vertx = Vertx.vertx();
        Redis probe = Redis.createClient(vertx, redis.url());
        try (RunningServer herald = node(mode);
             SseTestClient client = SseTestClient.connect(herald.uri("/stream"));
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog publishingLog = CapturedLog.of(PublishService.class);
             CapturedLog streamsFeedLog = CapturedLog.of("dev.herald.redis.streams.LiveFeed")) {
            assertThat(TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"before\"}").statusCode()).isEqualTo(200);
            assertThat(client.next().data()).isEqualTo("{\"message\":\"before\"}");
            redis.server().stop();

            HttpResponse<String> refused = TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"during\"}");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).startsWith("{\"status\":\"error\",\"message\":\"");
            assertThat(publishingLog.awaitMessage()).startsWith("publish refused with 503: ");
            subscriberLog.awaitMessageContaining("lost the Redis subscription connection");
            client.nextComment();
            client.nextComment();
            assertThat(client.ended()).isNotDone();

            redis.server().startAgain();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> probe
                    .send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(redisChannelOf(mode, "sse")))
                    .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).get(1).toLong() == 1);
            subscriberLog.awaitMessageContaining("Redis subscription restored");
            assertThat(TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"after\"}").statusCode()).isEqualTo(200);
            // Redis restarted without its data: what was published meanwhile is gone, in either mode, and the stream is told.
            assertThat(client.next().type()).isEqualTo("history-gone");
            assertThat(client.next().data()).isEqualTo("{\"message\":\"after\"}");
        } finally {
            probe.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientOfANodeThatDiesResumesOnAnotherWithoutLossOrDuplicate() throws Exception {
        try (RunningServer survivor = node(RedisMode.STREAMS)) {
            String lastSeen;
            RunningServer dying = node(RedisMode.STREAMS);
            try (SseTestClient client = SseTestClient.connect(dying.uri("/stream?channel=orders&channel=stock"))) {
                for (int i = 0; i < 5; i++) {
                    TestHttp.post(survivor.uri("/publish"), "{\"channel\":\"" + (i % 2 == 0 ? "orders" : "stock")
                            + "\",\"data\":\"" + i + "\"}");
                }
                assertThat(client.next(5)).extracting(ParsedEvent::data).containsExactly("0", "1", "2", "3", "4");
                lastSeen = client.lastEventId();
                dying.close();
                client.ended().get(10, TimeUnit.SECONDS);
            }
            for (int i = 5; i < 10; i++) {
                TestHttp.post(survivor.uri("/publish"), "{\"channel\":\"" + (i % 2 == 0 ? "orders" : "stock")
                        + "\",\"data\":\"" + i + "\"}");
            }
            try (SseTestClient back = SseTestClient.connect(survivor.uri("/stream?channel=orders&channel=stock"),
                    Map.of("Last-Event-ID", lastSeen))) {
                TestHttp.post(survivor.uri("/publish"), "{\"channel\":\"orders\",\"data\":\"10\"}");
                assertThat(back.next(6)).extracting(ParsedEvent::data).containsExactly("5", "6", "7", "8", "9", "10");
                back.assertNoMoreEvents(Duration.ofMillis(300));
            }
        }
    }
}
