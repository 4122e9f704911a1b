package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.publish.Publication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Why Herald speaks HTTP/2: a browser opens at most six HTTP/1.1 connections to one origin, so a seventh
 * {@code EventSource} (a seventh tab) waits for one of them to close. Over HTTP/2 (TLS with {@code --self-signed};
 * Chromium told to accept it) one page keeps ten streams open on one connection and each receives the event; over
 * HTTP/1.1 the same page gets six.
 */
class Http2BrowserIT {

    private static final int STREAMS = 10;
    private static final String OPEN_STREAMS = """
            window.received = [];
            window.sources = [];
            for (let i = 0; i < arguments[0]; i++) {
              window.received.push([]);
              const source = new EventSource('/stream?channel=tabs');
              source.onmessage = event => window.received[i].push(event.data);
              window.sources.push(source);
            }""";

    private WebDriver page;

    @BeforeAll
    static void needsABrowser() {
        BrowserIT.assumeBrowser();
    }

    @AfterEach
    void close() {
        if (page != null) {
            page.quit();
        }
    }

    private JavascriptExecutor openPage(RunningServer herald) throws Exception {
        page = BrowserIT.browser("--ignore-certificate-errors");
        page.get(herald.uri("/health").toString()); // a page of Herald's origin that opens no stream of its own
        return (JavascriptExecutor) page;
    }

    private static long openCount(JavascriptExecutor js) {
        return (Long) js.executeScript("return window.sources.filter(s => s.readyState === EventSource.OPEN).length");
    }

    @Test
    void tenEventSourcesOfOnePageStayOpenTogetherOverHttp2AndEachReceivesTheEvent() throws Exception {
        try (RunningServer herald = RunningServer.start(HeraldConfig.defaults()
                .withProtocols(ProtocolOptions.withSelfSigned()))) {
            JavascriptExecutor js = openPage(herald);
            assertThat(js.executeScript("return performance.getEntriesByType('navigation')[0].nextHopProtocol"))
                    .as("the protocol Chromium negotiated").isEqualTo("h2");

            js.executeScript(OPEN_STREAMS, STREAMS);
            new WebDriverWait(page, Duration.ofSeconds(10)).until(ignored -> openCount(js) == STREAMS);
            assertThat(herald.stats().streamsOpen()).isEqualTo(STREAMS);

            herald.server().herald().publish(Publication.of(null, "to every tab").onChannel("tabs"))
                    .toCompletableFuture().join();
            new WebDriverWait(page, Duration.ofSeconds(10)).until(ignored -> js.executeScript(
                    "return window.received.every(r => r.length === 1)").equals(Boolean.TRUE));
            assertThat(js.executeScript("return window.received")).isEqualTo(
                    java.util.Collections.nCopies(STREAMS, List.of("to every tab")));
        }
    }

    @Test
    void overHttp1TheSamePageGetsSixStreams() throws Exception {
        try (RunningServer herald = RunningServer.start(HeraldConfig.defaults())) {
            JavascriptExecutor js = openPage(herald);
            assertThat(js.executeScript("return performance.getEntriesByType('navigation')[0].nextHopProtocol"))
                    .isEqualTo("http/1.1");

            js.executeScript(OPEN_STREAMS, STREAMS);
            new WebDriverWait(page, Duration.ofSeconds(10)).until(ignored -> openCount(js) == 6);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> openCount(js) == 6 && herald.stats().streamsOpen() == 6);
        }
    }
}
