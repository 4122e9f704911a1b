package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.testing.ConsolePage;
import dev.herald.testing.SseTestClient;
import dev.herald.web.console.ConsoleMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console of one of two nodes on a real Redis (Streams mode) in Chromium: a card for each node, the other node's
 * numbers and channels moving when the test opens a stream there, and its card shown as gone once it stops.
 */
class ConsoleNodesBrowserIT {

    private RedisServerProcess redis;
    private RunningServer nodeA;
    private RunningServer nodeB;
    private ConsolePage console;

    @BeforeEach
    void start() throws Exception {
        BrowserIT.assumeBrowser();
        redis = RedisServerProcess.start();
        nodeA = node("node-a");
        nodeB = node("node-b");
        console = ConsolePage.open(nodeA.uri("/console/"));
    }

    private RunningServer node(String id) {
        return RunningServer.start(HeraldConfig.defaults().withBroker(new BrokerOptions.RedisStreams(redis.url(), 1000))
                .withConsole(ConsoleMode.AUTO, id));
    }

    @AfterEach
    void stop() {
        try {
            if (console != null) {
                console.assertCleanLog(message -> false);
                console.close();
            }
        } finally {
            for (AutoCloseable each : new AutoCloseable[] {nodeB, nodeA, redis}) {
                try {
                    if (each != null) {
                        each.close();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void eachNodeHasACardTheOtherNodesNumbersMoveAndAStoppedNodeIsShownGone() {
        console.until(page -> cards(page).equals(List.of("node-a", "node-b")) ? true : null);
        WebElement cardB = console.find("[data-node='node-b']");
        assertThat(console.text("[data-node='node-b'] [data-figure=broker]")).isEqualTo("redis-streams connected");
        console.until(page -> page.findElement(By.cssSelector("[data-node='node-a']")).getAttribute("class").contains("local"));
        long streamsOnB = Long.parseLong(cardB.getAttribute("data-streams"));

        try (SseTestClient stream = SseTestClient.connect(nodeB.uri("/stream?channel=on-node-b"))) {
            assertThat(stream.status()).isEqualTo(200);
            console.until(page -> Long.parseLong(page.findElement(By.cssSelector("[data-node='node-b']"))
                    .getAttribute("data-streams")) >= streamsOnB + 1);
            console.view("channels");
            console.until(page -> page.findElements(By.cssSelector("#channels-all tr[data-channel='on-node-b']")).stream()
                    .map(WebElement::getText).findFirst().filter(text -> text.endsWith("node-b")).orElse(null));
        }

        nodeB.close();
        nodeB = null;
        console.view("status");
        new WebDriverWait(console.driver(), Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(page -> "true".equals(page.findElement(By.cssSelector("[data-node='node-b']")).getAttribute("data-gone")));
        assertThat(console.text("[data-node='node-b'] .badge")).startsWith("gone: silent since ");
        assertThat(console.find("[data-node='node-a']").getAttribute("data-gone")).isEqualTo("false");
    }

    private static List<String> cards(WebDriver page) {
        return page.findElements(By.cssSelector("#nodes [data-node]")).stream()
                .map(card -> card.getAttribute("data-node")).toList();
    }
}
