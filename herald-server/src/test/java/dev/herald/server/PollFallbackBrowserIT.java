package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.vertx.Herald;
import dev.herald.vertx.JsonHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The page in Chromium behind a server whose {@code /stream} can be made to fail (answer 500, as a proxy that breaks
 * streams might): after three failures in a row, while a poll works, the page long-polls {@code /poll} from the same
 * cursor, says so, and still shows what is published; once streams work again it goes back to the stream. The server
 * is the page, {@code /send_notification} and Herald's routes, with one route in front of {@code /stream} and
 * {@code /poll} that counts them.
 */
class PollFallbackBrowserIT {

    /** Three failed opens, at most 1 s and 2 s apart (back-off with full jitter), plus the server's retry of 3 s. */
    private static final Duration SWITCH = Duration.ofSeconds(30);
    /** The page tries the stream again after 15 to 45 s of long polling, and takes it once it stayed open 3 s. */
    private static final Duration BACK_TO_STREAM = Duration.ofSeconds(60);
    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    private static Vertx vertx;
    private static Herald herald;
    private static HttpServer server;
    private static final AtomicBoolean streamsFail = new AtomicBoolean();
    private static final AtomicInteger failedStreams = new AtomicInteger();
    private static final AtomicInteger polls = new AtomicInteger();
    private WebDriver page;

    @BeforeAll
    static void start() throws Exception {
        BrowserIT.assumeBrowser();
        vertx = Vertx.vertx();
        herald = Herald.builder().build(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Router root = Router.router(vertx);
        root.get("/stream").handler(ctx -> {
            if (streamsFail.get()) {
                failedStreams.incrementAndGet();
                JsonHttp.sendError(ctx, 500, "streams are broken here on purpose");
            } else {
                ctx.next();
            }
        });
        root.get("/poll").handler(ctx -> {
            polls.incrementAndGet();
            ctx.next();
        });
        root.route("/*").subRouter(herald.router());
        NotificationRoutes.mount(root, herald, 64 * 1024);
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
        streamsFail.set(false);
        failedStreams.set(0);
        polls.set(0);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    private static void notify(String message) throws Exception {
        herald.publish(Map.of("message", message), "notify").toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<String> shown(WebDriver page) {
        return page.findElements(By.cssSelector("#notification .notification")).stream().map(WebElement::getText).toList();
    }

    @Test
    void aPageWhoseStreamKeepsFailingLongPollsFromTheSameCursorAndSaysSo() throws Exception {
        page = BrowserIT.browser();
        page.get(uri("/").toString());
        new WebDriverWait(page, ARRIVAL).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        assertThat(page.findElement(By.id("transport")).getText()).isEqualTo("live: stream");
        notify("over the stream");
        assertThat(BrowserIT.newestNotification(page)).isEqualTo("over the stream");

        streamsFail.set(true);
        herald.closeStreams().toCompletableFuture().get(10, TimeUnit.SECONDS);
        notify("while the stream was failing");
        new WebDriverWait(page, SWITCH).until(ExpectedConditions.textToBe(By.id("transport"), "live: long polling"));
        assertThat(failedStreams).as("the page gave up on the stream after three failures").hasValue(3);
        new WebDriverWait(page, ARRIVAL).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));

        notify("after the switch");
        new WebDriverWait(page, ARRIVAL).until(shownPage -> shown(shownPage).size() == 3);
        assertThat(shown(page)).as("nothing lost or repeated across the switch")
                .containsExactly("after the switch", "while the stream was failing", "over the stream");
        assertThat(failedStreams).as("no stream is tried again at once once the page long-polls").hasValue(3);
    }

    @Test
    void aPageThatFellBackToLongPollingGoesBackToTheStreamOnceItWorksLosingAndRepeatingNothing() throws Exception {
        streamsFail.set(true);
        page = BrowserIT.browser();
        page.get(uri("/").toString());
        new WebDriverWait(page, SWITCH).until(ExpectedConditions.textToBe(By.id("transport"), "live: long polling"));
        new WebDriverWait(page, ARRIVAL).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        notify("while long polling");
        new WebDriverWait(page, ARRIVAL).until(shownPage -> shown(shownPage).size() == 1);

        streamsFail.set(false);
        notify("while the page is about to try the stream again");
        new WebDriverWait(page, BACK_TO_STREAM).until(ExpectedConditions.textToBe(By.id("transport"), "live: stream"));
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(herald.stats().streamsOpen())
                .as("the page's stream; its long poll ended").isEqualTo(1));
        int pollsAtTheSwitch = polls.get();
        notify("over the stream again");

        new WebDriverWait(page, ARRIVAL).until(shownPage -> shown(shownPage).size() == 3);
        assertThat(shown(page)).as("nothing lost or repeated across the switch back")
                .containsExactly("over the stream again", "while the page is about to try the stream again",
                        "while long polling");
        assertThat(polls).as("no poll after the switch").hasValue(pollsAtTheSwitch);
    }

    @Test
    void aPageThatNeverGetsAStreamStillShowsNotificationsByLongPolling() throws Exception {
        streamsFail.set(true);
        page = BrowserIT.browser();
        page.get(uri("/").toString());

        new WebDriverWait(page, SWITCH).until(ExpectedConditions.textToBe(By.id("transport"), "live: long polling"));
        new WebDriverWait(page, ARRIVAL).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        page.findElement(By.id("message")).sendKeys("sent while long polling");
        page.findElement(By.id("send")).click();

        assertThat(BrowserIT.newestNotification(page)).isEqualTo("sent while long polling");
    }
}
