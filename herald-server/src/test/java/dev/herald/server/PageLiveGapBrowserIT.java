package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.broker.HistoryPolicy;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.serve.PublishService;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in Chromium, connected all along, when its node's Redis subscription drops and comes back (Redis restarted,
 * Pub/Sub mode): the live stream's {@code history-gone} is said in words, the page stays connected, and what is
 * published afterwards shows.
 */
class PageLiveGapBrowserIT {

    @SuppressWarnings("try") // a log captured only to keep it off the console
    @Test
    void aPageWhoseNodeLostRedisSaysSoInWordsAndGoesOnLive() throws Exception {
        BrowserIT.assumeBrowser();
        try (RedisServerProcess redis = RedisServerProcess.start();
             RunningServer herald = RunningServer.start(HeraldConfig.defaults()
                     .withBroker(new BrokerOptions.RedisPubSub(redis.url(), HistoryPolicy.defaults())));
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog publishLog = CapturedLog.of(PublishService.class)) {
            WebDriver page = BrowserIT.browser();
            try {
                page.get(herald.uri("/").toString());
                new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
                assertThat(TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"before\"}").statusCode()).isEqualTo(200);
                new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> "before".equals(BrowserIT.newestNotification(driver)));

                redis.stop();
                subscriberLog.awaitMessageContaining("lost the Redis subscription connection");
                redis.startAgain();
                subscriberLog.awaitMessageContaining("Redis subscription restored");

                new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("notice"),
                        "Some notifications may have been missed while a connection was down."));
                assertThat(page.findElement(By.id("connection")).getText()).isEqualTo("Connected");
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        TestHttp.post(herald.uri("/send_notification"), "{\"message\":\"after\"}").statusCode() == 200);
                new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> "after".equals(BrowserIT.newestNotification(driver)));
            } finally {
                page.quit();
            }
        }
    }
}
