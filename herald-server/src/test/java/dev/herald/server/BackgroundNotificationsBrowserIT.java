package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Chromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's opt-in to the Notifications API in Chromium. Headless Chromium never shows a system notification nor a
 * permission prompt, so the permission is granted or refused through the profile's preferences, and the test wraps the
 * page's {@code Notification} constructor (the real one still runs) to see what the page shows; the page is put in the
 * background by opening another tab, as a person would.
 */
class BackgroundNotificationsBrowserIT {

    private static final String NOTIFICATIONS = "profile.default_content_setting_values.notifications";
    /** Wraps Notification: each one the page shows is written to localStorage, which the other tab can read. */
    private static final String RECORD_NOTIFICATIONS = """
            const Real = window.Notification;
            window.Notification = class extends Real {
              constructor(title, options) {
                super(title, options);
                const shown = JSON.parse(localStorage.getItem('test.shown') || '[]');
                shown.push({ title, body: options.body, hidden: document.hidden });
                localStorage.setItem('test.shown', JSON.stringify(shown));
              }
            };""";

    private static RunningServer herald;
    private WebDriver browser;

    @BeforeAll
    static void start() {
        BrowserIT.assumeBrowser();
        herald = RunningServer.start();
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriver open(int permission) throws Exception {
        browser = Chromium.start(Map.of(NOTIFICATIONS, permission));
        browser.get(herald.uri("/").toString());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        return browser;
    }

    private static void notify(String message) {
        assertThat(dev.herald.testing.TestHttp.post(herald.uri("/send_notification"),
                "{\"message\":\"" + message + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void onceTurnedOnANotificationArrivingInABackgroundTabIsShownByTheSystem() throws Exception {
        WebDriver page = open(1);
        String pageTab = page.getWindowHandle();
        ((JavascriptExecutor) page).executeScript(RECORD_NOTIFICATIONS);
        page.findElement(By.id("background")).click();
        new WebDriverWait(page, Duration.ofSeconds(5)).until(ExpectedConditions.attributeToBe(By.id("background"),
                "aria-pressed", "true"));
        assertThat(page.findElement(By.id("background")).getText()).isEqualTo("Background notifications: on");

        notify("seen in the tab");
        assertThat(BrowserIT.newestNotification(page)).isEqualTo("seen in the tab");

        page.switchTo().newWindow(WindowType.TAB);
        page.get(herald.uri("/health").toString());
        notify("while the tab is in the background");
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ignored -> !shown(page).isEmpty());
        assertThat(shown(page)).as("only the one that arrived while the page was hidden")
                .containsExactly(Map.of("title", "Herald", "body", "while the tab is in the background", "hidden", true));

        page.switchTo().window(pageTab);
        assertThat(BrowserIT.newestNotification(page)).isEqualTo("while the tab is in the background");
    }

    @Test
    void whenTheBrowserRefusesThePageSaysSoAndStaysOff() throws Exception {
        WebDriver page = open(2);
        page.findElement(By.id("background")).click();

        new WebDriverWait(page, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("background-status"), "The browser blocks notifications for this page"));
        assertThat(page.findElement(By.id("background")).getAttribute("aria-pressed")).isEqualTo("false");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> shown(WebDriver tab) {
        return (List<Map<String, Object>>) ((JavascriptExecutor) tab)
                .executeScript("return JSON.parse(localStorage.getItem('test.shown') || '[]')");
    }
}
