package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testing.Chromium;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seed's page in a real headless Chromium (Debian's chromium and chromium-driver): two pages on {@code /},
 * a notification sent from one appears in the other. Skipped where Chromium is missing, unless
 * {@code HERALD_REQUIRE_BROWSER=true} (as CI sets it), which turns the skip into a failure.
 */
class BrowserIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(2);

    private static RunningServer herald;
    private WebDriver sender;
    private WebDriver receiver;

    @BeforeAll
    static void start() {
        assumeBrowser();
        herald = RunningServer.start();
    }

    /** Skips the test class where Chromium is missing, or fails it when {@code HERALD_REQUIRE_BROWSER=true}. */
    static void assumeBrowser() {
        Chromium.assumePresent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (herald != null) {
            herald.close();
        }
    }

    @BeforeEach
    void openTwoPages() throws Exception {
        sender = browser();
        receiver = browser();
        for (WebDriver page : List.of(sender, receiver)) {
            page.get(herald.uri("/").toString());
            new WebDriverWait(page, Duration.ofSeconds(10))
                    .until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        }
    }

    @AfterEach
    void closePages() {
        for (WebDriver page : new WebDriver[] {sender, receiver}) {
            if (page != null) {
                page.quit();
            }
        }
    }

    @Test
    void aNotificationSentFromOnePageAppearsInTheOther() {
        sender.findElement(By.id("message")).sendKeys("Hello from the other tab");
        sender.findElement(By.id("send")).click();

        assertThat(newestNotification(receiver)).isEqualTo("Hello from the other tab");
        assertThat(newestNotification(sender)).isEqualTo("Hello from the other tab");
        new WebDriverWait(sender, ARRIVAL).until(page -> page.findElement(By.id("message")).getAttribute("value").isEmpty());
    }

    @Test
    void thePageRunsUnderItsContentSecurityPolicyWithoutAViolation() {
        sender.findElement(By.id("message")).sendKeys("under the policy", Keys.ENTER);
        assertThat(newestNotification(receiver)).isEqualTo("under the policy");

        for (WebDriver page : List.of(sender, receiver)) {
            assertThat(page.manage().logs().get(LogType.BROWSER).getAll())
                    .as("the browser console: a blocked script, style or eval, or a script error, would be reported here")
                    .extracting(LogEntry::getMessage)
                    .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused to")
                            || message.contains("TypeError") || message.contains("Uncaught"));
        }
    }

    @Test
    void enterSendsAndTheNewestIsOnTop() {
        WebElement box = sender.findElement(By.id("message"));
        box.sendKeys("first", Keys.ENTER);
        assertThat(newestNotification(receiver)).isEqualTo("first");
        box.sendKeys("second", Keys.ENTER);
        assertThat(newestNotification(receiver)).isEqualTo("second");

        List<WebElement> shown = receiver.findElements(By.cssSelector("#notification .notification"));
        assertThat(shown).extracting(WebElement::getText).containsExactly("second", "first");
    }

    @Test
    void markupInAMessageIsShownAsTextAndRunsNothing() {
        String payload = "<img src=x onerror=alert(1)>";
        sender.findElement(By.id("message")).sendKeys(payload, Keys.ENTER);

        assertThat(newestNotification(receiver)).isEqualTo(payload);
        assertThat(receiver.findElements(By.cssSelector("#notification img"))).isEmpty();
        assertThatThrownBy(() -> receiver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aFailedSendIsShownToTheSender() {
        sender.findElement(By.id("send")).click();
        new WebDriverWait(sender, ARRIVAL).until(ExpectedConditions.textToBe(By.id("error"), "No message provided"));
    }

    @Test
    void aScreenReaderHearsNewNotificationsAndTheConnectionState() {
        assertThat(receiver.findElement(By.id("notification")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(receiver.findElement(By.cssSelector("[role=status] #connection")).getText()).isEqualTo("Connected");
        assertThat(receiver.findElement(By.cssSelector("label[for=message]")).getText()).isEqualTo("Notification Text");
    }

    @Test
    void onAPhoneThePageNeedsNoSidewaysScrolling() {
        receiver.manage().window().setSize(new Dimension(360, 740));
        String unbroken = "x".repeat(120);
        sender.findElement(By.id("message")).sendKeys(unbroken, Keys.ENTER);
        assertThat(newestNotification(receiver)).isEqualTo(unbroken);

        JavascriptExecutor js = (JavascriptExecutor) receiver;
        assertThat(js.executeScript("return window.innerWidth")).as("the viewport").isEqualTo(360L);
        assertThat((Long) js.executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(360L);
        assertThat(receiver.findElement(By.id("send")).isDisplayed()).isTrue();
    }

    static String newestNotification(WebDriver page) {
        By newest = By.cssSelector("#notification .notification:first-child");
        new WebDriverWait(page, ARRIVAL).until(ExpectedConditions.presenceOfElementLocated(newest));
        return page.findElement(newest).getText();
    }

    static WebDriver browser() throws Exception {
        return browser(new String[0]);
    }

    /** A headless Chromium started with these command-line switches besides the usual ones. */
    static WebDriver browser(String... extraArguments) throws Exception {
        return Chromium.start(extraArguments);
    }
}
