package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.HubOptions;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.ConsolePage;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium against a real server on loopback (console {@code auto}: open without a
 * token): its status moves when the test opens streams and publishes, its channels list them, its debugger shows the
 * raw frames of what the test publishes and publishes what a plain client of the test receives; nothing is reported
 * in the browser's console.
 */
class ConsoleBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningServer herald;
    private ConsolePage console;
    private final List<SseTestClient> streams = new ArrayList<>();
    /** What a test expects in the browser's console: by default nothing. */
    private Predicate<String> expectedInLog = message -> false;

    @BeforeAll
    static void start() {
        BrowserIT.assumeBrowser();
        // heartbeats every half second, so the debugger's comments show within a test
        herald = RunningServer.start(HeraldConfig.defaults().withHub(new HubOptions(Duration.ofMillis(500), Duration.ofSeconds(3))));
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
    }

    @BeforeEach
    void openTheConsole() throws Exception {
        console = ConsolePage.open(herald.uri("/console/"));
        console.shown("#views");
    }

    @AfterEach
    void closeAll() {
        streams.forEach(SseTestClient::close);
        if (console != null) {
            try {
                console.assertCleanLog(expectedInLog);
            } finally {
                console.close();
            }
        }
    }

    @Test
    void onALoopbackBindTheConsoleOpensWithoutAToken() {
        assertThat(console.find("#sign-in").isDisplayed()).isFalse();
        assertThat(console.find("#session").getText()).contains("loopback");
        assertThat(console.find("#sign-out").isDisplayed()).isFalse();
    }

    @Test
    void theViewsAreTabsTheKeyboardMovesBetween() {
        console.find("#tab-status").sendKeys(Keys.ARROW_RIGHT);
        console.shown("#view-channels");
        assertThat(console.find("#view-status").isDisplayed()).isFalse();
        assertThat(console.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("tab-channels");

        console.driver().switchTo().activeElement().sendKeys(Keys.END);
        console.shown("#view-debugger");
        assertThat(console.driver().getCurrentUrl()).endsWith("/console/#debugger");
        console.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        console.shown("#view-status");
    }

    @Test
    void statusNumbersMoveWhenStreamsOpenAndEventsArePublished() {
        console.nodeCard();
        long streamsBefore = console.cardNumber("streams");
        long publishedBefore = console.cardNumber("published");
        long deliveredBefore = console.cardNumber("delivered");

        openStreams("status-watched", 2);
        console.untilCardNumberAtLeast("streams", streamsBefore + 2);
        for (int i = 0; i < 3; i++) {
            publish("status-watched", "event " + i);
        }

        console.untilCardNumberAtLeast("published", publishedBefore + 3);
        console.untilCardNumberAtLeast("delivered", deliveredBefore + 6);
        assertThat(console.text("#nodes [data-node] [data-figure=streams] .detail")).contains("stream");
        assertThat(console.text("#nodes [data-node] [data-figure=broker]")).isEqualTo("memory connected");
        int charts = console.until(page -> page.findElements(By.cssSelector(".chart svg polyline")).size());
        assertThat(charts).isEqualTo(3);
        // the rate between the snapshots around the publishes is above nothing: the chart's peak keeps it 5 minutes
        console.until(page -> console.findAll(".chart figcaption").stream().map(WebElement::getText)
                .anyMatch(caption -> caption.startsWith("publishes/s: ") && !caption.contains("peak 0.0")));
    }

    @Test
    void theChannelsViewListsChannelsWithTheirStreamsFilteredAsYouType() {
        openStreams("orders-eu", 2);
        openStreams("orders-us", 1);
        openStreams("billing", 1);
        console.view("channels");

        console.type("#channels-match", "orders");

        console.until(page -> rows("#channels-local").equals(List.of("orders-eu 2", "orders-us 1")) ? true : null);
        assertThat(console.text("#channels-summary")).isEqualTo("2 channels holding “orders”");
        // every node's busiest channels, from the live status (only this node here)
        console.until(page -> rows("#channels-all").equals(List.of("orders-eu 2", "orders-us 1")) ? true : null);

        console.type("#channels-match", "bill");
        console.until(page -> rows("#channels-local").equals(List.of("billing 1")) ? true : null);
    }

    @Test
    void theDebuggerShowsTheRawFrameOfWhatTheTestPublishes() {
        console.view("debugger");
        console.type("#sub-channels", "debug-a, debug-b");
        console.find("#subscribe").click();
        console.until(page -> console.find("#sub-state").getText().equals("Subscribed to debug-a, debug-b (200)"));

        String id = publish("debug-b", "{\"message\":\"seen raw\"}", "notify");

        assertThat(console.frame(text -> text.startsWith("id: " + id)))
                .isEqualTo("id: " + id + "\nevent: notify\ndata: {\"message\":\"seen raw\"}");
        // the first frames of a stream: its retry, and the resume point a new client gets
        assertThat(console.frame(text -> text.startsWith("retry: "))).matches("retry: \\d+");

        console.find("#stop").click();
        console.until(page -> console.find("#sub-state").getText().equals("Stopped"));
    }

    @Test
    void theDebuggerShowsHeartbeatsOnlyWhenAsked() {
        console.view("debugger");
        console.type("#sub-channels", "debug-quiet");
        console.find("#subscribe").click();

        console.until(page -> console.findAll("#frames .frame.comment").size() >= 2);
        assertThat(console.findAll("#frames .frame.comment")).noneMatch(WebElement::isDisplayed);
        console.find("#show-comments").click();
        assertThat(console.findAll("#frames .frame.comment")).allMatch(WebElement::isDisplayed)
                .extracting(frame -> frame.findElement(By.cssSelector(".raw")).getText()).containsOnly(":");
    }

    @Test
    void theDebuggerResumesAfterTheLastEventIdItIsGiven() {
        String first = publish("debug-resume", "first");
        String second = publish("debug-resume", "second");
        console.view("debugger");
        console.type("#sub-channels", "debug-resume");
        console.type("#sub-last-event-id", first);

        console.find("#subscribe").click();

        assertThat(console.frame(text -> text.contains("data: "))).isEqualTo("id: " + second + "\ndata: second");
        assertThat(console.findAll("#frames .raw")).extracting(WebElement::getText).noneMatch(text -> text.contains(first + "\n"));
    }

    @Test
    void theDebuggersPublishFormPublishesWhatAPlainClientOfTheTestReceives() {
        SseTestClient client = openStreams("debug-out", 1).get(0);
        console.view("debugger");
        console.type("#pub-channels", "debug-out");
        console.type("#pub-type", "notify");
        console.type("#pub-data", "{\"message\":\"from the console\"}");
        console.find("#pub-json").click();
        console.type("#pub-retry", "4500");

        console.find("#publish").click();

        ParsedEvent received = client.next();
        assertThat(received.type()).isEqualTo("notify");
        assertThat(received.data()).isEqualTo("{\"message\":\"from the console\"}");
        String answer = console.until(page -> page.findElements(By.cssSelector("#answers li.ok")).stream()
                .map(item -> item.getAttribute("data-id")).findFirst().orElse(null));
        assertThat(answer).isEqualTo(received.lastEventId());
    }

    @Test
    void aRefusedPublishShowsTheErrorMessage() {
        console.view("debugger");
        console.type("#pub-channels", "x".repeat(201));
        console.type("#pub-data", "never sent");

        // the browser logs a refused fetch, as it logs every failed load
        expectedInLog = message -> message.contains("/publish - Failed to load resource") && message.contains(" 400 ");
        console.find("#publish").click();

        String shown = console.until(page -> page.findElements(By.cssSelector("#answers li.error")).stream()
                .map(WebElement::getText).findFirst().orElse(null));
        assertThat(shown).contains("400").contains("channel");
    }

    private List<SseTestClient> openStreams(String channel, int count) {
        List<SseTestClient> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SseTestClient stream = SseTestClient.connect(herald.uri("/stream?channel=" + channel));
            assertThat(stream.status()).isEqualTo(200);
            opened.add(stream);
        }
        streams.addAll(opened);
        return opened;
    }

    private String publish(String channel, String data) {
        return publish(channel, data, null);
    }

    /** Publishes a string {@code data} (sent as it is), returns the event's id. */
    private String publish(String channel, String data, String type) {
        Map<String, String> body = type == null ? Map.of("channel", channel, "data", data)
                : Map.of("channel", channel, "data", data, "type", type);
        HttpResponse<String> answer;
        try {
            answer = TestHttp.post(herald.uri("/publish"), JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TestHttp.json(answer).get("id").asText();
    }

    /** A table's rows as "channel streams". */
    private List<String> rows(String tbody) {
        return console.findAll(tbody + " tr").stream()
                .map(row -> row.findElements(By.tagName("td")))
                .filter(cells -> cells.size() == 3)
                .map(cells -> cells.get(0).getText() + " " + cells.get(1).getText())
                .toList();
    }
}
