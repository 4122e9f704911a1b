package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Recorder.Signal;
import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import dev.herald.sse.ParsedEvent;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A source started from a last event id resumes from Herald's history, or hears that history lost the id. */
class ResumeIT {

    private static HeraldServer herald;
    private static URI news;

    @BeforeAll
    static void start() {
        herald = Heralds.start(HeraldConfig.defaults().withPort(0));
        news = Heralds.uri(herald, "/stream?channel=news");
    }

    @AfterAll
    static void stop() {
        Heralds.stop(herald);
    }

    @Test
    void aKnownIdResumesAfterItEvenBeyondAscii() {
        String first = publishWithId("nachricht-ü-" + System.nanoTime(), "first");
        String second = Heralds.publish(herald, "news", "second", null);
        Recorder recorder = new Recorder();

        try (EventSource source = EventSource.builder(news).lastEventId(first).listener(recorder).build().start()) {
            recorder.expect(Signal.OPEN);
            recorder.expect(new ParsedEvent("message", "second", second));
            recorder.assertNothingMore();
            assertThat(source.lastEventId()).isEqualTo(second);
        }
    }

    @Test
    void anUnknownIdGetsHistoryGoneThenWhatHistoryHolds() {
        Recorder recorder = new Recorder();

        try (EventSource source = EventSource.builder(news).lastEventId("never-published").listener(recorder).build()
                .start()) {
            recorder.expect(Signal.OPEN);
            assertThat(recorder.next()).isEqualTo(new HistoryGone("never-published", List.of("news")));
            while (!recorder.calls.isEmpty()) {
                assertThat(recorder.next()).isInstanceOf(ParsedEvent.class);
            }
            assertThat(source.lastEventId()).isNotEqualTo("never-published");
        }
    }

    private static String publishWithId(String id, String data) {
        return Heralds.publish(herald, "news", data, null, id);
    }
}
