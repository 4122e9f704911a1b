package dev.herald.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two nodes of the sample on one Redis (a private redis-server, Pub/Sub mode, flask-sse's format): the test's
 * application context and a second one started beside it. What either node publishes reaches the streams of both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TwoNodesRedisIT {

    private static final RedisServerProcess REDIS = RedisServerProcess.start();

    /**
     * Redis belongs to the test's application context, which closes it last: Herald's node depends on it, so the node
     * (its streams, then its broker) is closed while Redis is still there, and no connection is lost on the way out.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class RedisOfTheTest {

        @Bean(destroyMethod = "close")
        RedisServerProcess redisServer() {
            return REDIS;
        }

        @Bean
        static BeanFactoryPostProcessor heraldNodeNeedsRedis() {
            return beans -> beans.getBeanDefinition("heraldNode").setDependsOn("redisServer");
        }
    }

    @DynamicPropertySource
    static void onRedis(DynamicPropertyRegistry registry) {
        registry.add("herald.broker", () -> "redis-pubsub");
        registry.add("herald.redis.url", REDIS::url);
    }

    @LocalServerPort
    private int port;

    @Test
    void eachNodeReceivesWhatTheOtherPublishes() {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(NotificationsApplication.class).run(
                "--server.port=0", "--herald.broker=redis-pubsub", "--herald.redis.url=" + REDIS.url())) {
            URI firstNode = URI.create("http://127.0.0.1:" + port);
            URI secondNode = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) second).getWebServer().getPort());
            bothReceiveWhatEitherSends(firstNode, secondNode);
        }
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
