package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GET /ready follows the broker's Redis connection; the Redis meters count its loss and return. */
class ReadinessIT {

    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(20);

    private static int readiness(RunningServer herald) {
        return TestHttp.get(herald.uri("/ready")).statusCode();
    }

    @SuppressWarnings("try") // a log captured only to keep it off the console
    @ParameterizedTest
    @EnumSource(RedisMode.class)
    void readinessIsDownWhileRedisIsAndUpAgainOnceTheConnectionIsRestored(RedisMode mode) {
        try (RedisServerProcess redis = RedisServerProcess.start();
             RunningServer herald = RunningServer.start(HeraldConfig.defaults().withBroker(mode.options(redis.url())));
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog streamsFeedLog = CapturedLog.of("dev.herald.redis.streams.LiveFeed")) {
            assertThat(readiness(herald)).isEqualTo(200);
            assertThat(TestHttp.get(herald.uri("/metrics")).body().lines())
                    .contains("herald_redis_connected 1.0", "herald_redis_reconnects_total 0.0");

            redis.stop();
            await().atMost(OUTAGE_NOTICED).until(() -> readiness(herald) == 503);
            HttpResponse<String> down = TestHttp.get(herald.uri("/ready"));
            assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"broker\":\"redis unreachable\"}");
            assertThat(TestHttp.get(herald.uri("/health")).statusCode()).isEqualTo(200);
            assertThat(TestHttp.get(herald.uri("/metrics")).body().lines()).contains("herald_redis_connected 0.0");
            subscriberLog.awaitMessageContaining("lost the Redis subscription connection");

            redis.startAgain();
            await().atMost(OUTAGE_NOTICED).until(() -> readiness(herald) == 200);
            subscriberLog.awaitMessageContaining("Redis subscription restored");
            String metrics = TestHttp.get(herald.uri("/metrics")).body();
            assertThat(metrics.lines()).contains("herald_redis_connected 1.0");
            assertThat(metrics).containsPattern("(?m)^herald_redis_reconnects_total [1-9][0-9]*\\.0$");
        }
    }
}
