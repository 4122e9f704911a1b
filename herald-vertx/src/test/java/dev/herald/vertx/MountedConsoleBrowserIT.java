package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.testing.Chromium;
import dev.herald.testing.ConsolePage;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.web.console.ConsoleMode;
import dev.herald.web.console.ConsoleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in Chromium where an application mounts Herald under a prefix ({@code /events}): the page's relative
 * URLs reach the console's API ({@code /events/console/status}) and the public routes ({@code /events/stream},
 * {@code /events/publish}), and nothing is reported in the browser's console.
 */
class MountedConsoleBrowserIT {

    private static MountedHerald mounted;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumePresent();
        mounted = MountedHerald.start(Herald.builder().console(ConsoleOptions.of(ConsoleMode.AUTO, "mounted", 0, true)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (mounted != null) {
            mounted.stop();
        }
    }

    @Test
    void underAPrefixTheConsoleShowsTheStatusAndItsDebuggerSubscribesAndPublishes() throws Exception {
        try (ConsolePage console = ConsolePage.open(mounted.events("/console/"));
             SseTestClient client = SseTestClient.connect(mounted.events("/stream?channel=mounted-out"))) {
            assertThat(console.nodeCard().getAttribute("data-node")).isEqualTo("mounted");

            console.view("debugger");
            console.type("#sub-channels", "mounted-in");
            console.find("#subscribe").click();
            console.until(page -> console.find("#sub-state").getText().equals("Subscribed to mounted-in (200)"));
            String id = TestHttp.json(TestHttp.post(mounted.events("/publish"), "{\"channel\":\"mounted-in\",\"data\":\"in\"}"))
                    .get("id").asText();
            assertThat(console.frame(text -> text.startsWith("id: " + id))).isEqualTo("id: " + id + "\ndata: in");

            console.type("#pub-channels", "mounted-out");
            console.type("#pub-data", "out");
            console.find("#publish").click();
            ParsedEvent received = client.next();
            assertThat(received.data()).isEqualTo("out");

            console.assertCleanLog(message -> false);
        }
    }
}
