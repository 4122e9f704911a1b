package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console ({@code {prefix}/console/}) in a real headless {@link Chromium} of 1100×750, for the console's browser
 * tests: opening it, its views, waiting for what it shows, and its browser log. Modules that use it declare Selenium's
 * {@code selenium-chrome-driver} and {@code selenium-support} as test dependencies.
 */
public final class ConsolePage implements AutoCloseable {

    /** How long a wait for the page lasts. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final WebDriver driver;

    private ConsolePage(WebDriver driver) {
        this.driver = driver;
    }

    /** A new browser on the console at {@code uri} (e.g. {@code http://127.0.0.1:port/console/}). */
    public static ConsolePage open(URI uri) throws IOException {
        ConsolePage page = new ConsolePage(Chromium.start("--window-size=1100,750"));
        page.driver.get(uri.toString());
        return page;
    }

    public WebDriver driver() {
        return driver;
    }

    /** The element {@code css} selects, at once. */
    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The elements {@code css} selects, at once. */
    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits until {@code condition} holds, up to {@link #WAIT}; returns what it returned. The console renders a card or
     * a table again at each status (once a second), so an element found a moment ago may be gone: that is tried again.
     */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** The text of the element {@code css} selects, read again if the console renders it anew meanwhile. */
    public String text(String css) {
        return until(page -> page.findElement(By.cssSelector(css)).getText());
    }

    /** Waits until the element {@code css} is shown. */
    public WebElement shown(String css) {
        return until(page -> {
            List<WebElement> found = page.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Shows a view by its tab: {@code "status"}, {@code "channels"} or {@code "debugger"}. */
    public void view(String name) {
        find("#tab-" + name).click();
        shown("#view-" + name);
    }

    /** Replaces a field's text. */
    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** The status card of the only node (the memory broker: this node), once it is shown. */
    public WebElement nodeCard() {
        return shown("#nodes [data-node]");
    }

    /** A whole number the node's card holds as {@code data-<name>} (streams, published, delivered). */
    public long cardNumber(String name) {
        return Long.parseLong(nodeCard().getAttribute("data-" + name));
    }

    /** Waits until the card's {@code data-<name>} is at least {@code least}. */
    public void untilCardNumberAtLeast(String name, long least) {
        until(page -> cardNumber(name) >= least);
    }

    /** The raw text of the debugger's newest frame that matches, once one does. */
    public String frame(Predicate<String> matching) {
        return until(page -> page.findElements(By.cssSelector("#frames .frame .raw")).stream().map(WebElement::getText)
                .filter(matching).findFirst().orElse(null));
    }

    /**
     * Checks the browser console: nothing but the answers {@code expected} allows (a blocked script, style or eval, an
     * uncaught error or a failed load would be reported there).
     */
    public void assertCleanLog(Predicate<String> expected) {
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                .as("the browser console")
                .extracting(LogEntry::getMessage)
                .filteredOn(expected.negate())
                .isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
