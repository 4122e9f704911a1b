package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed's page in Chromium with publisher tokens on and its channel private: the embedding application's HttpOnly
 * cookie {@code herald_token} is what lets the page read and send. (Set without {@code Secure} here: WebDriver sets
 * cookies as a page of {@code http://127.0.0.1} would.)
 */
class TokenBrowserIT {

    private static RunningServer herald;
    private WebDriver page;

    @BeforeAll
    static void start() {
        BrowserIT.assumeBrowser();
        herald = RunningServer.start(HeraldConfig.defaults().withAccess(
                AccessOptions.tokens(TestTokens.OPTIONS).withPrivateChannels(ChannelPatterns.parse("sse"))));
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
    }

    @AfterEach
    void close() {
        if (page != null) {
            page.quit();
        }
    }

    private void open(String token) throws Exception {
        page = BrowserIT.browser();
        page.get(herald.uri("/").toString());
        if (token != null) {
            page.manage().addCookie(new Cookie.Builder("herald_token", token).path("/").isHttpOnly(true).sameSite("Strict").build());
            page.navigate().refresh();
        }
    }

    @Test
    void withTheCookieThePageReadsItsPrivateChannelAndSends() throws Exception {
        open(TestTokens.token(List.of("sse"), List.of("sse")));
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));

        page.findElement(By.id("message")).sendKeys("sent with the cookie", Keys.ENTER);

        assertThat(BrowserIT.newestNotification(page)).isEqualTo("sent with the cookie");
    }

    @Test
    void whenItsTokenExpiresThePageSaysSoAndResumesWithAFreshOneLosingNothing() throws Exception {
        open(TestTokens.token(List.of("sse"), List.of("sse"), Duration.ofSeconds(8))); // time to start the browser
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));

        new WebDriverWait(page, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("notice"), "Your access expired"));
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Refused"));
        assertThat(page.findElement(By.id("reason")).getText()).contains("the token expired");
        herald.server().herald().publish(Map.of("message", "while the token was expired"), "notify")
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        page.manage().addCookie(new Cookie.Builder("herald_token", TestTokens.token(List.of("sse"), List.of("sse")))
                .path("/").isHttpOnly(true).sameSite("Strict").build());
        new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        assertThat(BrowserIT.newestNotification(page)).isEqualTo("while the token was expired");
        assertThat(page.findElement(By.id("notice")).isDisplayed()).as("the expiry notice, once connected again").isFalse();
    }

    @Test
    void withoutTheCookieThePageShowsTheRefusal() throws Exception {
        open(null);
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Refused"));
        assertThat(page.findElement(By.id("reason")).getText()).as("the server's words, and when the page tries again")
                .containsPattern("token.*Trying again in about \\d+ s\\.");

        page.findElement(By.id("message")).sendKeys("no token", Keys.ENTER);

        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("error"), "a token is required to publish"));
    }
}
