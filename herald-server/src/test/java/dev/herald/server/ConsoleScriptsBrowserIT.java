package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ConsolePage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console's pure modules, run in Chromium as the console loads them: {@code frames.js} splits an event stream
 * into frames under LF, CR and CRLF, however the text is cut; {@code rates.js} derives rates from consecutive totals.
 */
class ConsoleScriptsBrowserIT {

    private static RunningServer herald;
    private ConsolePage console;

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

    @BeforeEach
    void open() throws Exception {
        console = ConsolePage.open(herald.uri("/console/"));
        console.shown("#views");
    }

    @AfterEach
    void close() {
        if (console != null) {
            try {
                console.assertCleanLog(message -> false);
            } finally {
                console.close();
            }
        }
    }

    /** Runs an async function body with the module {@code name} bound to {@code m}; returns what it returns. */
    private Object withModule(String name, String body, Object... arguments) {
        return ((JavascriptExecutor) console.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const args = arguments;"
                        + "import('./" + name + "').then(m => { " + body + " }).catch(e => done('failed: ' + e));",
                arguments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void framesAreSplitAtBlankLinesUnderEveryLineEndHoweverTheTextIsCut(String end) {
        String stream = "retry: 3000" + end + end + "id: 1-2" + end + end + ":" + end + end
                + "id: 1-3" + end + "event: notify" + end + "data: a" + end + "data: b" + end + end + "data: unfinished";
        for (int piece : new int[] {1, 2, 3, 7, stream.length()}) {
            Object frames = withModule("frames.js", """
                    const splitter = new m.FrameSplitter(); const text = args[0]; const piece = args[1]; const out = [];
                    for (let at = 0; at < text.length; at += piece) { out.push(...splitter.push(text.slice(at, at + piece))); }
                    out.push(...splitter.end());
                    done(out.map(lines => ({lines, kind: m.kindOf(lines)})));""", stream, piece);
            assertThat(frames).as("cut every %d characters", piece).isEqualTo(List.of(
                    Map.of("lines", List.of("retry: 3000"), "kind", "event"),
                    Map.of("lines", List.of("id: 1-2"), "kind", "event"),
                    Map.of("lines", List.of(":"), "kind", "comment"),
                    Map.of("lines", List.of("id: 1-3", "event: notify", "data: a", "data: b"), "kind", "event"),
                    Map.of("lines", List.of("data: unfinished"), "kind", "event")));
        }
    }

    @Test
    void eachLineIsNamedByItsField() {
        Object fields = withModule("frames.js",
                "done(['id: 1', 'event: x', 'data: a:b', 'retry: 5', ': heartbeat', 'data'].map(m.fieldOf));");
        assertThat(fields).isEqualTo(List.of("id", "event", "data", "retry", "comment", "data"));
    }

    @Test
    void ratesAreTheDifferenceOfTotalsOverTheTimeBetweenSnapshots() {
        Object rates = withModule("rates.js", """
                const series = new m.NodeSeries();
                const out = [
                  series.add({time: 10000, published: 10, delivered: 40, streams: {stream: 2, poll: 1}}),
                  series.add({time: 12000, published: 30, delivered: 41, streams: {stream: 3}}),
                  series.add({time: 12000, published: 30, delivered: 41, streams: {stream: 3}}),
                  series.add({time: 13000, published: 2, delivered: 3, streams: {}}),
                  series.add({time: 13000 + 6 * 60 * 1000, published: 2, delivered: 3, streams: {}})];
                done({out, kept: series.points.length});""");
        assertThat(rates).isEqualTo(Map.of("kept", 1L, "out", List.of(
                point(10000, null, null, 3),
                point(12000, 10L, 0.5, 3),
                point(12000, 10L, 0.5, 3),
                point(13000, null, null, 0),
                point(373000, 0L, 0L, 0))));
    }

    private static Map<String, Object> point(long time, Object published, Object delivered, long streams) {
        Map<String, Object> point = new HashMap<>();
        point.put("time", time);
        point.put("published", published);
        point.put("delivered", delivered);
        point.put("streams", streams);
        return point;
    }
}
