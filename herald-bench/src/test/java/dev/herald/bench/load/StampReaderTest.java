package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StampReaderTest {

    private final List<String> seen = new ArrayList<>();
    private final StampReader reader = readerInto(seen);

    /** A reader that notes each stamp as its data and any other event as "other". */
    private static StampReader readerInto(List<String> seen) {
        return new StampReader(new StampReader.Listener() {
            @Override
            public void onStamp(long seq, long sentNanos, long ackedBelow) {
                seen.add(new Stamp(seq, sentNanos, ackedBelow).format());
            }

            @Override
            public void onOther() {
                seen.add("other");
            }
        });
    }

    private void feed(String stream) {
        reader.feed(stream.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBenchmarkEventGivesItsStamp() {
        feed("retry: 3000\n\nid: 1-1\nevent: bench\ndata: 1000000001 -42 1000000000\n\n");

        assertThat(seen).containsExactly("1000000001 -42 1000000000");
    }

    @Test
    void nchansFramingGivesTheSameStamp() {
        feed(": hi\n\nevent: bench\nid: 1795469375:0\ndata: 7 8 9\n\n");

        assertThat(seen).containsExactly("7 8 9");
    }

    @Test
    void commentsAndEventsWithoutDataDispatchNothing() {
        feed(":\n\n: heartbeat\n\nid: 5\n\nevent: bench\n\n");

        assertThat(seen).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "data: 1 2 3\n\n",                          // type message
            "event: benchmark\ndata: 1 2 3\n\n",
            "event: bench\ndata: 1 2\n\n",
            "event: bench\ndata: 1 2 3 4\n\n",
            "event: bench\ndata: 1 2 3x\n\n",
            "event: bench\ndata: 1  2 3\n\n",
            "event: bench\ndata: 1 2 3\ndata: 4 5 6\n\n",   // two data lines
            "event: bench\ndata: 1234567890123456789 2 3\n\n",
            "event: bench\ndata: {\"message\":\"hi\"}\n\n"})
    void anythingElseIsAnOtherEvent(String stream) {
        feed(stream);

        assertThat(seen).containsExactly("other");
    }

    @Test
    void aLineLongerThanTheBufferIsSkippedWithoutHarm() {
        feed("event: bench\ndata: " + "9".repeat(500) + "\n\n: " + "x".repeat(500) + "\n\nevent: bench\ndata: 1 2 3\n\n");

        assertThat(seen).containsExactly("other", "1 2 3");
    }

    @Test
    void readsWhatTheSpecParserReadsWhateverTheLineEndingsAndChunks() {
        Random random = new Random(20261123);
        for (int round = 0; round < 500; round++) {
            String stream = randomStream(random);
            List<String> expected = bySpecParser(stream);
            List<String> read = new ArrayList<>();
            StampReader fresh = readerInto(read);
            byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < bytes.length; ) {
                int size = Math.min(bytes.length - at, 1 + random.nextInt(40));
                fresh.feed(Arrays.copyOfRange(bytes, at, at + size));
                at += size;
            }

            assertThat(read).as("stream %s", stream).isEqualTo(expected);
        }
    }

    private static List<String> bySpecParser(String stream) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(event -> events.add(stampOrOther(event)));
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        return events;
    }

    private static String stampOrOther(ParsedEvent event) {
        if (!event.type().equals("bench")) {
            return "other";
        }
        try {
            return Stamp.parse(event.data()).format();
        } catch (IllegalArgumentException notAStamp) {
            return "other";
        }
    }

    private static String randomStream(Random random) {
        String[] endings = {"\n", "\r", "\r\n"};
        StringBuilder stream = new StringBuilder();
        int events = 1 + random.nextInt(8);
        for (int i = 0; i < events; i++) {
            String end = endings[random.nextInt(endings.length)];
            switch (random.nextInt(6)) {
                case 0 -> stream.append(":").append(random.nextBoolean() ? "" : " ping").append(end);
                case 1 -> stream.append("id: ").append(random.nextInt(1000)).append(end);
                case 2 -> stream.append("event: message").append(end).append("data: hello").append(end);
                case 3 -> stream.append("data:").append(random.nextInt(9)).append(' ').append(random.nextInt(9))
                        .append(' ').append(random.nextInt(9)).append(end).append("event:bench").append(end);
                default -> stream.append("event: bench").append(end).append("retry: 10").append(end)
                        .append("data: ").append(random.nextInt(1_000_000)).append(' ')
                        .append(random.nextLong() % 1_000_000_000_000L).append(' ').append(random.nextInt(1000)).append(end);
            }
            stream.append(end);
        }
        return stream.toString();
    }

    @Test
    void theLastEventIdIsToldAtTheEndOfItsEventAndARetryAtOnce() {
        List<String> told = new ArrayList<>();
        StampReader listening = new StampReader(new StampReader.Listener() {
            @Override
            public void onStamp(long seq, long sentNanos, long ackedBelow) {
                told.add("stamp " + seq);
            }

            @Override
            public void onOther() {
                told.add("other");
            }

            @Override
            public void onLastEventId(byte[] id, int length) {
                told.add("id " + new String(id, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public void onRetry(long millis) {
                told.add("retry " + millis);
            }
        });

        listening.feed(("retry: 3000\n\nid: 9-1\n\n:\n\nid: 9-2\nevent: bench\ndata: 1 2 3\n\n"
                + "retry: 4x\n\nretry: 5123\r\n\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(told).containsExactly("retry 3000", "id 9-1", "id 9-2", "stamp 1", "retry 5123");
    }
}
