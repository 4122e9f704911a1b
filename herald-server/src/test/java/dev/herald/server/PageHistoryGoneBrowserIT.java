package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.BrokerFactory;
import dev.herald.broker.HistoryPolicy;
import dev.herald.vertx.Herald;
import dev.herald.vertx.JsonHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in Chromium when it comes back after more was published than history holds (2 events here): it says in
 * words that notifications may have been missed, and shows what history still held. While "down", a route in front of
 * {@code /stream} and {@code /poll} answers 503 with {@code Retry-After: 1}, as nginx does while Herald restarts.
 */
class PageHistoryGoneBrowserIT {

    private static Vertx vertx;
    private static Herald herald;
    private static HttpServer server;
    private static final AtomicBoolean down = new AtomicBoolean();
    private WebDriver page;

    @BeforeAll
    static void start() throws Exception {
        BrowserIT.assumeBrowser();
        vertx = Vertx.vertx();
        herald = Herald.builder().broker(BrokerFactory.memory(new HistoryPolicy(2, Duration.ofHours(1))))
                .build(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Router root = Router.router(vertx);
        root.getWithRegex("/(stream|poll)").handler(ctx -> {
            if (down.get()) {
                ctx.response().putHeader("Retry-After", "1");
                JsonHttp.sendError(ctx, 503, "down on purpose");
            } else {
                ctx.next();
            }
        });
        root.route("/*").subRouter(herald.router());
        PageRoutes.mount(root);
        JsonHttp.answerRouterErrors(root);
        server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (herald != null) {
            herald.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.quit();
        }
        down.set(false);
    }

    private static void notify(String message) throws Exception {
        herald.publish(Map.of("message", message), "notify").toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPageThatMissedMoreThanHistoryHoldsSaysSoInWordsAndShowsWhatIsLeft() throws Exception {
        page = BrowserIT.browser();
        page.get("http://127.0.0.1:" + server.actualPort() + "/");
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        notify("before");
        assertThat(BrowserIT.newestNotification(page)).isEqualTo("before");

        down.set(true);
        herald.closeStreams().toCompletableFuture().get(10, TimeUnit.SECONDS);
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Refused"));
        for (int i = 1; i <= 5; i++) {
            notify("missed or not " + i);
        }
        assertThat(page.findElement(By.id("notice")).isDisplayed()).isFalse();
        down.set(false);

        new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        new WebDriverWait(page, Duration.ofSeconds(5)).until(ExpectedConditions.textToBe(By.id("notice"),
                "Some notifications may have been missed while a connection was down."));
        assertThat(page.findElements(By.cssSelector("#notification .notification"))).extracting(WebElement::getText)
                .as("what history still held, then what the page had")
                .isEqualTo(List.of("missed or not 5", "missed or not 4", "before"));
    }
}
