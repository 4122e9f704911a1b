package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Gap;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broker gap reaches every live stream as one {@code history-gone} notice naming its channels, then the gap's id. */
class HubGapTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final HubOptions NO_HEARTBEAT = new HubOptions(Duration.ofHours(1), Duration.ofMillis(2500));
    private static final String RETRY_FRAME = "retry: 2500\n\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MemoryBroker memory;
    private ControlledBroker broker;
    private final CountingMetrics metrics = new CountingMetrics();
    private Hub hub;
    private Loop loop;
    private final List<FakeSink> sinks = new ArrayList<>();

    @BeforeEach
    void start() {
        memory = new MemoryBroker(new HistoryPolicy(1000, Duration.ofHours(1)));
        broker = new ControlledBroker(memory);
        hub = new Hub(broker, NO_HEARTBEAT, metrics);
        loop = new Loop("loop");
    }

    @AfterEach
    void stop() throws Exception {
        hub.closeStreams().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        loop.close();
        memory.close();
        for (FakeSink sink : sinks) {
            assertThat(sink.misuse()).as("the hub keeps the sink rules").isEmpty();
        }
    }

    private FakeSink subscribe(String lastEventId, String... channels) {
        FakeSink sink = new FakeSink(loop);
        sinks.add(sink);
        loop.call(() -> hub.subscribe(Set.of(channels), lastEventId, sink));
        return sink;
    }

    private FakeSink liveClient(String... channels) {
        String head = await(memory.replay(Set.of("any"), null)).headId();
        FakeSink sink = subscribe(null, channels);
        assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
        return sink;
    }

    private StoredEvent publish(String channel, String data) {
        return await(broker.publish(new AdmittedEvent(channel, SseEvent.of(null, data))));
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String frame(StoredEvent stored) {
        return "id: " + stored.event().id() + "\ndata: " + stored.event().data() + "\n\n";
    }

    /** The notice's data, after checking the frame is a {@code history-gone} event without an id. */
    private static JsonNode notice(String frame) throws Exception {
        assertThat(frame).startsWith("event: history-gone\ndata: ").endsWith("\n\n").doesNotContain("\nid:");
        return JSON.readTree(frame.substring("event: history-gone\ndata: ".length(), frame.length() - 2));
    }

    @Test
    void aLiveStreamIsToldOnceNamingItsChannelsThenGetsTheGapsIdThenGoesOnLive() throws Exception {
        FakeSink both = liveClient("a", "b");
        FakeSink onlyB = liveClient("b");

        Gap gap = memory.gap();
        StoredEvent after = publish("a", "after");

        JsonNode told = notice(both.nextFrame());
        assertThat(told.get("lastEventId").isNull()).isTrue();
        assertThat(told.get("channels")).containsExactly(JSON.valueToTree("a"), JSON.valueToTree("b"));
        assertThat(both.nextFrames(2)).containsExactly("id: " + gap.resumeId() + "\n\n", frame(after));
        assertThat(notice(onlyB.nextFrame()).get("channels")).containsExactly(JSON.valueToTree("b"));
        assertThat(onlyB.nextFrame()).isEqualTo("id: " + gap.resumeId() + "\n\n");
        both.assertNoMoreFrames();
        onlyB.assertNoMoreFrames();
        assertThat(metrics.brokerGaps).as("one gap, however many streams and channels heard it").hasValue(1);
        assertThat(metrics.historyGone).as("each stream told").hasValue(2);
    }

    @Test
    void aStreamStillReadingItsReplayIsToldOnceItIsLive() throws Exception {
        StoredEvent before = publish("a", "before");
        StoredEvent missed = publish("a", "missed");
        broker.hold(ControlledBroker.Hold.AFTER_READ);
        FakeSink sink = subscribe(before.event().id(), "a");
        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);

        Gap gap = memory.gap(); // after its replay was read: the replay cannot have said so
        broker.release();

        assertThat(sink.nextFrame()).isEqualTo(frame(missed));
        assertThat(notice(sink.nextFrame()).get("channels")).containsExactly(JSON.valueToTree("a"));
        assertThat(sink.nextFrame()).isEqualTo("id: " + gap.resumeId() + "\n\n");
        sink.assertNoMoreFrames();
    }

    @Test
    void aStreamResumingFromBeforeAGapIsToldByItsReplayAndNotAgain() throws Exception {
        StoredEvent before = publish("a", "before");
        Gap gap = memory.gap();
        StoredEvent after = publish("a", "after");

        FakeSink sink = subscribe(before.event().id(), "a");

        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
        assertThat(notice(sink.nextFrame()).get("lastEventId").asText()).isEqualTo(before.event().id());
        assertThat(sink.nextFrame()).isEqualTo(frame(after));
        sink.assertNoMoreFrames();
        FakeSink fromGap = subscribe(gap.resumeId(), "a");
        assertThat(fromGap.nextFrames(2)).containsExactly(RETRY_FRAME, frame(after));
        fromGap.assertNoMoreFrames();
    }

    @Test
    void gapsInARowWithNoEventBetweenAreToldOnceAndTheIdFollowsTheLast() throws Exception {
        FakeSink sink = liveClient("a");

        memory.gap();
        Gap second = memory.gap();
        StoredEvent between = publish("a", "between");
        Gap third = memory.gap();

        assertThat(notice(sink.nextFrame()).get("channels")).containsExactly(JSON.valueToTree("a"));
        assertThat(sink.nextFrame()).startsWith("id: ");
        assertThat(sink.nextFrames(2)).containsExactly("id: " + second.resumeId() + "\n\n", frame(between));
        assertThat(notice(sink.nextFrame()).get("channels")).containsExactly(JSON.valueToTree("a"));
        assertThat(sink.nextFrame()).isEqualTo("id: " + third.resumeId() + "\n\n");
        sink.assertNoMoreFrames();
        assertThat(metrics.historyGone).hasValue(2);
        assertThat(metrics.brokerGaps).hasValue(3);
    }
}
