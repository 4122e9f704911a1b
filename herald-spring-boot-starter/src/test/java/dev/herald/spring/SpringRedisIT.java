package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.testing.RedisClusterProcess;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.shaded.io.netty.util.Version;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.SseTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter on a real Redis (a private redis-server): Vert.x's Redis client runs over the Netty 4.2 relocated into
 * herald-redis-shaded, whatever Netty Spring Boot's dependency management picks; streams receive what the publisher
 * bean sends, and the health indicator follows the Redis connection.
 */
class SpringRedisIT {

    @Test
    void streamsAndHealthFollowRedis() {
        try (RedisServerProcess redis = RedisServerProcess.start();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class).run(
                     "--server.address=127.0.0.1", "--server.port=0", "--herald.broker=redis-streams",
                     "--herald.redis.url=" + redis.url())) {
            assertThat(Version.identify().get("netty-common").artifactVersion()).as("the relocated Netty Vert.x 5 needs").startsWith("4.2.");
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HeraldPublisher publisher = app.getBean(HeraldPublisher.class);
            HealthIndicator health = app.getBean("heraldHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            try (SseTestClient client = SseTestClient.connect(URI.create("http://127.0.0.1:" + port + "/stream?channel=news"))) {
                client.nextRetry();
                String id = publisher.publish(Map.of("message", "over Redis"), "notify", "news").toCompletableFuture().join();
                ParsedEvent event = client.next();
                assertThat(event.lastEventId()).isEqualTo(id);
                assertThat(event.data()).isEqualTo("{\"message\":\"over Redis\"}");
            }

            try (CapturedLog log = CapturedLog.of(RedisChannelSubscriber.class)) {
                redis.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));
                assertThat(log.awaitMessage()).contains("lost the Redis subscription connection");
                redis.startAgain();
                await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
            }
        }
    }

    @Test
    void theRedisPubSubBrokerRunsOnARedisClusterWhenItsSeedsAreSet() {
        try (RedisClusterProcess cluster = RedisClusterProcess.start();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class).run(
                     "--server.address=127.0.0.1", "--server.port=0", "--herald.broker=redis-pubsub",
                     "--herald.redis.cluster=" + cluster.seedList())) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HeraldPublisher publisher = app.getBean(HeraldPublisher.class);
            String channel = cluster.nameOn(cluster.masters().get(1), "news-");

            try (SseTestClient client = SseTestClient.connect(URI.create("http://127.0.0.1:" + port + "/stream?channel="
                    + channel))) {
                client.nextRetry();
                String id = publisher.publish(Map.of("message", "over the cluster"), "notify", channel)
                        .toCompletableFuture().join();
                ParsedEvent event = client.next();
                assertThat(event.lastEventId()).isEqualTo(id);
                assertThat(event.data()).isEqualTo("{\"message\":\"over the cluster\"}");
                assertThat(cluster.command(cluster.masters().get(1), "PUBSUB", "SHARDNUMSUB", channel).trim())
                        .as("subscribed with SSUBSCRIBE on the master owning the channel").endsWith("\n1");
            }
        }
    }
}
