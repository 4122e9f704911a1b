package dev.herald.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium for browser tests (Debian's chromium and chromium-driver), driven through WebDriver. Tests
 * skip where it is missing, unless {@code HERALD_REQUIRE_BROWSER=true} (as CI sets it), which turns the skip into a
 * failure. Modules that use it declare Selenium's {@code selenium-chrome-driver} and {@code selenium-support} as test
 * dependencies.
 */
public final class Chromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * These tests drive pages through WebDriver and never use the DevTools protocol; Selenium still looks for a CDP
     * binding that matches the browser and warns on every start when Debian's Chromium is newer than the bindings it
     * ships. Those two loggers are held here (java.util.logging keeps loggers weakly) and told to report only errors.
     */
    private static final List<Logger> CDP_LOOKUP = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

    static {
        CDP_LOOKUP.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private Chromium() {
    }

    /** Skips the calling test where Chromium is missing, or fails it when {@code HERALD_REQUIRE_BROWSER=true}. */
    public static void assumePresent() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("HERALD_REQUIRE_BROWSER"))) {
            throw new AssertionError("HERALD_REQUIRE_BROWSER=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "Chromium is not installed; browser tests skipped");
    }

    /** A headless Chromium with its console log kept, started with these command-line switches besides the usual ones. */
    public static WebDriver start(String... extraArguments) throws IOException {
        return start(Map.of(), extraArguments);
    }

    /**
     * A headless Chromium as {@link #start(String...)}, with these profile preferences set, e.g.
     * {@code profile.default_content_setting_values.notifications = 1} to grant every page the Notifications API.
     */
    public static WebDriver start(Map<String, Object> preferences, String... extraArguments) throws IOException {
        ChromeOptions options = new ChromeOptions();
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("herald-chromium"));
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
