package dev.herald.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Chromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample's page in a real headless Chromium, against the application on a random port: the starter's stream over
 * Tomcat's asynchronous output, as a browser's EventSource reads it. Skipped where Chromium is missing, except on CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    private final List<WebDriver> pages = new ArrayList<>();

    @BeforeAll
    static void browserPresent() {
        Chromium.assumePresent();
    }

    @AfterEach
    void closePages() {
        pages.forEach(WebDriver::quit);
    }

    private WebDriver openPage() throws Exception {
        WebDriver page = Chromium.start();
        pages.add(page);
        page.get("http://127.0.0.1:" + port + "/");
        new WebDriverWait(page, PATIENCE).until(ExpectedConditions.textToBe(By.id("state"), "live"));
        return page;
    }

    @Test
    void aNotificationSentFromOnePageAppearsInTheOtherAsText() throws Exception {
        WebDriver sender = openPage();
        WebDriver receiver = openPage();

        sender.findElement(By.id("message")).sendKeys("<b>Hello</b> from the other tab", Keys.ENTER);

        By newest = By.cssSelector("#notifications li:first-child");
        for (WebDriver page : List.of(receiver, sender)) {
            new WebDriverWait(page, PATIENCE).until(ExpectedConditions.textToBe(newest, "<b>Hello</b> from the other tab"));
            assertThat(page.findElements(By.cssSelector("#notifications b"))).as("markup is shown, not run").isEmpty();
        }
        new WebDriverWait(sender, PATIENCE).until(page -> page.findElement(By.id("message")).getAttribute("value").isEmpty());
    }

    @Test
    void anEmptyMessageIsRefusedAndTheSenderIsTold() throws Exception {
        WebDriver sender = openPage();
        // the input is required; send a blank one past the form's own check
        ((org.openqa.selenium.JavascriptExecutor) sender).executeScript(
                "document.getElementById('message').removeAttribute('required');"
                        + "document.getElementById('message').value = '   ';");
        sender.findElement(By.cssSelector("#send button")).click();

        new WebDriverWait(sender, PATIENCE).until(ExpectedConditions.textToBe(By.id("error"), "No message provided"));
        assertThat(sender.findElements(By.cssSelector("#notifications li"))).isEmpty();
    }
}
