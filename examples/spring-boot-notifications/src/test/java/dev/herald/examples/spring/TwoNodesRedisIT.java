package dev.herald.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.AdminContract;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import io.netty.util.Version;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes of the sample on one Redis (a private redis-server), in each Redis mode: what either node publishes reaches
 * the streams of both. The sample is built as applications are, under Spring Boot's parent and dependency management
 * with no Netty or Vert.x version of its own: Boot 3.5 pins Netty 4.1, which the test puts on the class path as an
 * application with Reactor Netty would have it, and the Redis client's Netty 4.2 comes relocated in herald-redis-shaded.
 * Either node's {@code GET /presence} counts the streams of both.
 */
class TwoNodesRedisIT {

    @ParameterizedTest
    @ValueSource(strings = {"redis-pubsub", "redis-streams"})
    void eachNodeReceivesWhatTheOtherPublishes(String broker) {
        assertThat(Version.identify().get("netty-common").artifactVersion()).as("Spring Boot's Netty").startsWith("4.1.");
        // Declared first, so closed last: each node closes its streams, then its broker, while Redis is still there.
        try (RedisServerProcess redis = RedisServerProcess.start();
             ConfigurableApplicationContext first = node(broker, redis);
             ConfigurableApplicationContext second = node(broker, redis)) {
            bothReceiveWhatEitherSends(uri(first), uri(second));
            eachNodeCountsTheStreamsOfBoth(uri(first), uri(second));
        }
    }

    /** {@code GET /presence} on either node counts the streams of both (the sample has no token key: no subject). */
    private static void eachNodeCountsTheStreamsOfBoth(URI firstNode, URI secondNode) {
        String channel = "presence-" + System.nanoTime();
        try (SseTestClient onFirst = SseTestClient.connect(firstNode.resolve("/stream?channel=" + channel));
             SseTestClient onSecond = SseTestClient.connect(secondNode.resolve("/stream?channel=" + channel))) {
            onFirst.nextRetry();
            onSecond.nextRetry();
            for (URI node : new URI[] {firstNode, secondNode}) {
                await().atMost(SseTestClient.WAIT).until(() -> TestHttp.json(TestHttp.get(node.resolve(
                        "/presence?channel=" + channel))).toString().equals(
                        "{\"channel\":\"" + channel + "\",\"streams\":2,\"subjects\":[]}"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-pubsub", "redis-streams"})
    void anAdminsDisconnectOnOneNodeEndsTheSubjectsStreamsOnBoth(String broker) {
        // Declared first, so closed last: each node closes its streams, then its broker, while Redis is still there.
        try (RedisServerProcess redis = RedisServerProcess.start();
             ConfigurableApplicationContext first = node(broker, redis, "--herald.jwt-secret=" + TestTokens.SECRET,
                     "--herald.private-channels=" + AdminContract.PRIVATE_CHANNELS);
             ConfigurableApplicationContext second = node(broker, redis, "--herald.jwt-secret=" + TestTokens.SECRET,
                     "--herald.private-channels=" + AdminContract.PRIVATE_CHANNELS)) {
            String token = AdminContract.reader("kim", "kim-1");
            try (SseTestClient onFirst = AdminContract.stream(uri(first), "private-kim", token);
                 SseTestClient onSecond = AdminContract.stream(uri(second), "private-kim", token)) {
                AdminContract.awaitStreams(uri(first), "private-kim", 1);
                AdminContract.awaitStreams(uri(second), "private-kim", 1);
                HttpResponse<String> answer = TestHttp.postJson(uri(first).resolve("/admin/disconnect"),
                        "{\"subject\":\"kim\"}", AdminContract.admin());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                AdminContract.lastEvent(onFirst, "disconnected");
                AdminContract.lastEvent(onSecond, "disconnected");
            }
        }
    }

    private static ConfigurableApplicationContext node(String broker, RedisServerProcess redis, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "--server.port=0";
        args[1] = "--herald.broker=" + broker;
        args[2] = "--herald.redis.url=" + redis.url();
        System.arraycopy(more, 0, args, 3, more.length);
        return new SpringApplicationBuilder(NotificationsApplication.class).run(args);
    }

    private static URI uri(ConfigurableApplicationContext node) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort());
    }

    private static void bothReceiveWhatEitherSends(URI firstNode, URI secondNode) {
        try (SseTestClient onFirst = SseTestClient.connect(firstNode.resolve("/stream"));
             SseTestClient onSecond = SseTestClient.connect(secondNode.resolve("/stream"))) {
            onFirst.nextRetry();
            onSecond.nextRetry();

            send(secondNode, "from the second node");
            send(firstNode, "from the first node");

            for (SseTestClient client : new SseTestClient[] {onFirst, onSecond}) {
                assertThat(client.next(2)).extracting(ParsedEvent::data).containsExactly(
                        "{\"message\":\"from the second node\"}", "{\"message\":\"from the first node\"}");
                client.assertNoMoreEvents(Duration.ofMillis(300));
            }
        }
    }

    private static void send(URI node, String message) {
        HttpResponse<String> sent = TestHttp.post(node.resolve("/send_notification"), "{\"message\":\"" + message + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }
}
