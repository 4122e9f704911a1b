package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.Recorder.Signal;
import dev.herald.hub.HubOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import dev.herald.sse.ParsedEvent;
import dev.herald.redis.BrokerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client of Herald in Redis Streams mode loses nothing when its server restarts: it reconnects with
 * {@code Last-Event-ID} and gets what was published meanwhile through another node, each event once, in order.
 */
class ResumeAcrossRestartIT {

    @Test
    void aClientResumesAcrossARestartWithEveryEventOnceInOrder() {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            HeraldConfig config = HeraldConfig.defaults()
                    .withBroker(new BrokerOptions.RedisStreams(redis.url(), 1000))
                    .withHub(new HubOptions(Duration.ofSeconds(15), Duration.ofMillis(100)))
                    .withPort(0);
            HeraldServer first = Heralds.start(config);
            HeraldServer other = Heralds.start(config);
            Recorder recorder = new Recorder();
            EventSource source = EventSource.builder(Heralds.uri(first, "/stream?channel=news"))
                    .listener(recorder)
                    .retryPolicy(RetryPolicy.exponential().withMaxDelay(Duration.ofMillis(400)))
                    .build()
                    .start();
            try {
                recorder.expect(Signal.OPEN);
                List<String> published = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    published.add(Heralds.publish(first, "news", "event " + i, null));
                }
                List<ParsedEvent> received = new ArrayList<>(nextEvents(recorder, 3));

                int port = first.port();
                Heralds.stop(first);
                for (int i = 4; i <= 6; i++) {
                    published.add(Heralds.publish(other, "news", "event " + i, null));
                }
                first = Heralds.start(config.withPort(port));
                published.add(Heralds.publish(first, "news", "event 7", null));
                received.addAll(nextEvents(recorder, 4));

                assertThat(received).extracting(ParsedEvent::data)
                        .containsExactly("event 1", "event 2", "event 3", "event 4", "event 5", "event 6", "event 7");
                assertThat(received).extracting(ParsedEvent::lastEventId).containsExactlyElementsOf(published);
                assertThat(source.lastEventId()).isEqualTo(published.get(6));
                recorder.assertNothingMore();
            } finally {
                source.close();
                Heralds.stop(first);
                Heralds.stop(other);
            }
        }
    }

    /** The next {@code count} events, passing over opens and the errors of reconnecting; no gap may be reported. */
    private static List<ParsedEvent> nextEvents(Recorder recorder, int count) {
        List<ParsedEvent> events = new ArrayList<>();
        while (events.size() < count) {
            Object call = recorder.next();
            assertThat(call).as("no gap, no close").isNotInstanceOf(HistoryGone.class).isNotEqualTo(Signal.CLOSED);
            if (call instanceof ParsedEvent event) {
                events.add(event);
            }
        }
        return events;
    }
}
