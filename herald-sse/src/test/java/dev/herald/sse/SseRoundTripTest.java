package dev.herald.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.RecordingListener.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests: whatever valid event the encoder writes, the parser reads back as the same event.
 * Each case is one seed of {@link RandomEvents}; a failing seed names the case to reproduce.
 */
class SseRoundTripTest {

    private static final int CASES = 1000;

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void encodedEventParsesBackToTheSameEvent(long seed) {
        SseEvent event = new RandomEvents(seed).event();
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(SseEncoder.encode(event));
        parser.end();

        assertThat(listener.items).isEqualTo(expectedItems(event));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void encodedEventParsesBackWhenFedInArbitraryChunks(long seed) {
        RandomEvents random = new RandomEvents(seed);
        SseEvent event = random.event();
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        byte[] frame = SseEncoder.encode(event);

        for (int offset = 0; offset < frame.length; ) {
            int length = Math.min(random.chunkSize(), frame.length - offset);
            parser.feed(frame, offset, length);
            offset += length;
        }
        parser.end();

        assertThat(listener.items).isEqualTo(expectedItems(event));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void consecutiveFramesParseBackInOrder(long seed) {
        RandomEvents random = new RandomEvents(seed);
        SseEvent first = random.event();
        SseEvent second = random.event();
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(SseEncoder.encode(first));
        parser.feed(SseEncoder.encode(second));
        parser.end();

        List<ParsedEvent> events = listener.events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).data()).isEqualTo(normalised(first.data()));
        assertThat(events.get(1).data()).isEqualTo(normalised(second.data()));
        // an event without an id keeps the id of the one before, as a browser would
        String expectedSecondId = second.id() != null ? second.id() : first.id() != null ? first.id() : "";
        assertThat(events.get(1).lastEventId()).isEqualTo(expectedSecondId);
    }

    /** One event (and the retry before it when the event has one). */
    private static List<Object> expectedItems(SseEvent event) {
        List<Object> expected = new ArrayList<>();
        if (event.retryMillis() != null) {
            expected.add(new Retry(event.retryMillis()));
        }
        expected.add(new ParsedEvent(
                event.type() != null ? event.type() : "message",
                normalised(event.data()),
                event.id() != null ? event.id() : ""));
        return expected;
    }

    private static String normalised(String data) {
        return data.replace("\r\n", "\n").replace('\r', '\n');
    }
}
