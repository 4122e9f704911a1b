package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.InvalidChannelException;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.request.StreamRequest;
import dev.herald.sse.ParsedEvent;
import dev.herald.sse.SseEvent;
import dev.herald.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HubTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    /** No heartbeat gets in the way of the frames a test counts. */
    private static final HubOptions NO_HEARTBEAT = new HubOptions(Duration.ofHours(1), Duration.ofMillis(2500));
    private static final String RETRY_FRAME = "retry: 2500\n\n";
    private static final String HEARTBEAT_FRAME = ":\n\n";

    private MemoryBroker memory;
    private ControlledBroker broker;
    private Hub hub;
    private final List<Hub> hubs = new ArrayList<>();
    private final List<Loop> loops = new ArrayList<>();
    private final List<FakeSink> sinks = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    private final Map<FakeSink, HubSubscription> subscriptions = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        // history enough for every test, so that no replay is cut short unless a test asks for it
        memory = new MemoryBroker(new HistoryPolicy(100_000, Duration.ofHours(1)));
        broker = new ControlledBroker(memory);
        hub = newHub(broker, NO_HEARTBEAT);
    }

    @AfterEach
    void stop() throws Exception {
        pools.forEach(ExecutorService::shutdownNow);
        for (Hub started : hubs) {
            started.closeStreams().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
        loops.forEach(Loop::close);
        memory.close();
        for (FakeSink sink : sinks) {
            assertThat(sink.misuse()).as("the hub keeps the sink rules").isEmpty();
        }
    }

    // ---- helpers ----

    private Hub newHub(ControlledBroker on, HubOptions options) {
        Hub created = new Hub(on, options);
        hubs.add(created);
        return created;
    }

    private Loop loop(String name) {
        Loop loop = new Loop(name);
        loops.add(loop);
        return loop;
    }

    private FakeSink sink(Loop loop, long byteLimit) {
        FakeSink sink = new FakeSink(loop, byteLimit);
        sinks.add(sink);
        return sink;
    }

    private FakeSink sink(Loop loop) {
        return sink(loop, FakeSink.UNLIMITED);
    }

    /** Subscribes on the sink's own loop, as an HTTP adapter does. */
    private static HubSubscription subscribe(Hub on, FakeSink sink, String lastEventId, String... channels) {
        return sink.loop.call(() -> on.subscribe(Set.of(channels), lastEventId, sink));
    }

    private HubSubscription subscribe(FakeSink sink, String lastEventId, String... channels) {
        HubSubscription subscription = subscribe(hub, sink, lastEventId, channels);
        subscriptions.put(sink, subscription);
        return subscription;
    }

    /** Cancels the sink's subscription on its loop, as an adapter does when the connection closes. */
    private void cancel(FakeSink sink) {
        sink.loop.run(subscriptions.get(sink)::cancel);
    }

    /** A new client that has received its opening frames, so it is live. */
    private FakeSink liveClient(Loop loop, String... channels) {
        FakeSink sink = sink(loop);
        String head = headId();
        subscribe(sink, null, channels);
        assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
        return sink;
    }

    private String headId() {
        return await(memory.replay(Set.of("any"), null)).headId();
    }

    private StoredEvent publish(String channel, SseEvent event) {
        return await(broker.publish(new AdmittedEvent(channel, event)));
    }

    private StoredEvent publish(String channel, String data) {
        return publish(channel, SseEvent.of(null, data));
    }

    private static String frame(StoredEvent stored) {
        return "id: " + stored.event().id() + "\ndata: " + stored.event().data() + "\n\n";
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitStats(Hub on, java.util.function.Predicate<HubStats> condition) {
        Awaitility.await().atMost(PATIENCE).until(on::stats, condition::test);
    }

    private ExecutorService pool() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pools.add(pool);
        return pool;
    }

    /** Reads frames as a browser would until it has the given number of events. */
    private static List<ParsedEvent> readEvents(FakeSink sink, int count) {
        List<ParsedEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        while (events.size() < count) {
            parser.feed(sink.nextFrame().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(events).hasSize(count);
        return events;
    }

    // ---- opening frames ----

    @Test
    void aResumingClientGetsTheRetryFrameFirstEvenBeforeTheReplayIsRead() {
        broker.hold(ControlledBroker.Hold.BEFORE_READ);
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, "order-17", "a");

        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
        sink.assertNoMoreFrames();
        assertThat(sink.flushes()).as("the retry frame is flushed at once").isEqualTo(1);
    }

    @Test
    void newClientGetsTheHeadAsItsResumePointAfterTheRetryFrame() {
        publish("a", "a1");
        StoredEvent last = publish("b", "b1");
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, null, "a");

        assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + last.event().id() + "\n\n");
        sink.assertNoMoreFrames();
    }

    @Test
    void newClientOfAnEmptyBrokerGetsTheStartAsItsResumePoint() {
        FakeSink sink = sink(loop("loop"));
        String head = headId();

        subscribe(sink, null, "a");
        assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
        StoredEvent first = publish("a", "first");

        assertThat(sink.nextFrame()).isEqualTo(frame(first));
    }

    @Test
    void subscribingWithoutChannelsOrWithAnInvalidOneIsRefused() {
        FakeSink sink = sink(loop("loop"));

        assertThatThrownBy(() -> sink.loop.call(() -> hub.subscribe(Set.of(), null, sink)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscribe(sink, null, "ok", "bad\nname"))
                .isInstanceOf(InvalidChannelException.class);
        assertThat(hub.stats().connections()).isZero();
        sink.assertNoMoreFrames();
    }

    // ---- fan-out ----

    @Test
    void publishedEventReachesEverySubscriberOfItsChannelAndNoOther() {
        Loop first = loop("first");
        Loop second = loop("second");
        FakeSink a1 = liveClient(first, "a");
        FakeSink a2 = liveClient(second, "a");
        FakeSink a3 = liveClient(first, "a");
        FakeSink b = liveClient(second, "b");
        FakeSink both = liveClient(first, "a", "b");

        publish("a", new SseEvent("note-1", "note", "hello", null));

        for (FakeSink sink : List.of(a1, a2, a3, both)) {
            assertThat(sink.nextFrame()).isEqualTo("id: note-1\nevent: note\ndata: hello\n\n");
        }
        b.assertNoMoreFrames();

        publish("b", new SseEvent("note-2", null, "for b", null));

        assertThat(b.nextFrame()).isEqualTo("id: note-2\ndata: for b\n\n");
        assertThat(both.nextFrame()).isEqualTo("id: note-2\ndata: for b\n\n");
        for (FakeSink sink : List.of(a1, a2, a3, both, b)) {
            sink.assertNoMoreFrames();
        }
    }

    @Test
    void channelStreamsSumsEveryLoopsStreamsPerChannelAndForgetsAChannelLeft() {
        Loop first = loop("first");
        Loop second = loop("second");
        FakeSink a1 = liveClient(first, "a");
        liveClient(second, "a");
        liveClient(first, "a", "b");

        assertThat(channelStreams()).isEqualTo(Map.of("a", 3, "b", 1));

        cancel(a1);
        assertThat(channelStreams()).isEqualTo(Map.of("a", 2, "b", 1));
    }

    private Map<String, Integer> channelStreams() {
        Map<String, Integer> counts = new HashMap<>();
        hub.channelStreams(counts::put);
        return counts;
    }

    @Test
    void eventsArriveInPublishOrder() {
        FakeSink sink = liveClient(loop("loop"), "a", "b");
        List<String> expected = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            expected.add(frame(publish(i % 3 == 0 ? "b" : "a", "e" + i)));
        }

        assertThat(sink.nextFrames(50)).containsExactlyElementsOf(expected);
        sink.assertNoMoreFrames();
    }

    @Test
    void countersCountDispatchedAndDeliveredEvents() {
        liveClient(loop("first"), "a");
        liveClient(loop("second"), "a");

        publish("a", "1");
        publish("a", "2");
        publish("elsewhere", "nobody here listens");

        awaitStats(hub, stats -> stats.eventsDelivered() == 4);
        assertThat(hub.stats()).isEqualTo(new HubStats(2, 2, 4, 0));
    }

    @Test
    void theHubReportsStreamsEventsReplaysAndGoneHistoryToItsMetrics() {
        CountingMetrics metrics = new CountingMetrics();
        Hub counted = new Hub(broker, NO_HEARTBEAT, metrics);
        hubs.add(counted);
        Loop loop = loop("loop");
        StoredEvent before = publish("a", "0");
        FakeSink live = sink(loop);
        HubSubscription liveSubscription = subscribe(counted, live, null, "a");
        assertThat(live.nextFrames(2)).hasSize(2);

        publish("a", "1");
        subscribe(counted, sink(loop), before.event().id(), "a");
        subscribe(counted, sink(loop), "no-such-id", "a");
        // "1" live; "1" replayed; the notice that the history is gone, then all the history kept ("0", "1")
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> assertThat(metrics.delivered).hasValue(5));
        loop.run(liveSubscription::cancel);

        Awaitility.await().atMost(PATIENCE).until(() -> metrics.closed.get() == 1);
        assertThat(metrics.opened).hasValue(3);
        assertThat(metrics.dispatched).as("the event published before anyone listened reached nobody").hasValue(1);
        assertThat(metrics.latencies).hasValue(1);
        assertThat(metrics.replays).hasValue(2);
        assertThat(metrics.historyGone).hasValue(1);
        assertThat(metrics.dropped).hasValue(0);
        assertThat(metrics.heartbeats).hasValue(0);
    }

    // ---- resuming ----

    @Test
    void resumingClientGetsTheEventsItMissedThenLiveOnes() {
        StoredEvent seen = publish("a", "a1");
        StoredEvent missed1 = publish("a", "a2");
        publish("b", "not mine");
        StoredEvent missed2 = publish("a", "a3");
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, seen.event().id(), "a");
        assertThat(sink.nextFrames(3)).containsExactly(RETRY_FRAME, frame(missed1), frame(missed2));
        StoredEvent live = publish("a", "a4");

        assertThat(sink.nextFrame()).isEqualTo(frame(live));
        sink.assertNoMoreFrames();
    }

    @Test
    void upToDateClientGetsNoResumePointFrame() {
        StoredEvent seen = publish("a", "a1");
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, seen.event().id(), "a");
        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
        StoredEvent live = publish("a", "a2");

        assertThat(sink.nextFrame()).isEqualTo(frame(live));
        sink.assertNoMoreFrames();
    }

    @Test
    void eventsPublishedBeforeTheReplayIsReadArriveOnceFromTheReplay() {
        StoredEvent seen = publish("a", "a1");
        StoredEvent missed = publish("a", "a2");
        broker.hold(ControlledBroker.Hold.BEFORE_READ);
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, seen.event().id(), "a");
        StoredEvent duringReplay1 = publish("a", "a3");
        StoredEvent duringReplay2 = publish("a", "a4");
        broker.release();
        StoredEvent live = publish("a", "a5");

        assertThat(sink.nextFrames(5)).containsExactly(RETRY_FRAME,
                frame(missed), frame(duringReplay1), frame(duringReplay2), frame(live));
        sink.assertNoMoreFrames();
    }

    @Test
    void eventsPublishedAfterTheReplayWasReadArriveOnceAfterIt() {
        StoredEvent seen = publish("a", "a1");
        StoredEvent missed = publish("a", "a2");
        broker.hold(ControlledBroker.Hold.AFTER_READ);
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, seen.event().id(), "a");
        StoredEvent afterRead1 = publish("a", "a3");
        StoredEvent afterRead2 = publish("a", "a4");
        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
        sink.assertNoMoreFrames();
        broker.release();
        StoredEvent live = publish("a", "a5");

        assertThat(sink.nextFrames(4)).containsExactly(frame(missed), frame(afterRead1), frame(afterRead2), frame(live));
        sink.assertNoMoreFrames();
    }

    static Stream<Arguments> replayTimings() {
        return IntStream.rangeClosed(1, 5).boxed().flatMap(run -> Stream.of(
                Arguments.of(ControlledBroker.Hold.NONE, run),
                Arguments.of(ControlledBroker.Hold.ASYNC, run)));
    }

    @ParameterizedTest(name = "replay {0}, run {1}")
    @MethodSource("replayTimings")
    void resumingClientGetsMissedThenLiveEventsWithoutDuplicateOrGapWhilePublishingGoesOn(
            ControlledBroker.Hold replayTiming, int run) throws Exception {
        broker.hold(replayTiming);
        List<StoredEvent> onA = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            onA.add(publish("a", "before" + i));
        }
        String lastSeen = onA.get(9).event().id();
        int more = 2000;
        CountDownLatch subscribing = new CountDownLatch(1);
        Future<List<StoredEvent>> publisher = pool().submit(() -> {
            List<StoredEvent> stored = new ArrayList<>();
            for (int i = 0; i < more; i++) {
                if (i == 10) {
                    subscribing.await();
                }
                stored.add(await(broker.publish(new AdmittedEvent("a", SseEvent.of(null, "during" + i)))));
                await(broker.publish(new AdmittedEvent("b", SseEvent.of(null, "other" + i))));
            }
            return stored;
        });
        FakeSink sink = sink(loop("loop"));

        subscribing.countDown();
        subscribe(sink, lastSeen, "a");
        onA.addAll(publisher.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));

        List<StoredEvent> expected = onA.subList(10, onA.size());
        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
        List<ParsedEvent> received = readEvents(sink, expected.size());
        assertThat(received).extracting(ParsedEvent::data)
                .containsExactlyElementsOf(expected.stream().map(e -> e.event().data()).toList());
        assertThat(received).extracting(ParsedEvent::lastEventId)
                .containsExactlyElementsOf(expected.stream().map(e -> e.event().id()).toList());
        sink.assertNoMoreFrames();
    }

    // ---- rewind ----

    private HubSubscription rewind(FakeSink sink, int count, String... channels) {
        HubSubscription subscription = sink.loop.call(() ->
                hub.subscribe(new StreamRequest(Set.of(channels), null, count), sink));
        subscriptions.put(sink, subscription);
        return subscription;
    }

    @Test
    void aRewindingClientGetsTheNewestEventsOfItsChannelsThenLiveOnes() {
        publish("a", "a1");
        publish("a", "a2");
        StoredEvent a3 = publish("a", "a3");
        publish("c", "not mine");
        StoredEvent b1 = publish("b", "b1");
        StoredEvent a4 = publish("a", "a4");
        FakeSink sink = sink(loop("loop"));

        rewind(sink, 3, "a", "b");
        assertThat(sink.nextFrames(4)).containsExactly(RETRY_FRAME, frame(a3), frame(b1), frame(a4));
        assertThat(sink.caughtUpAfterFrames()).isEqualTo(4);
        StoredEvent live = publish("b", "b2");

        assertThat(sink.nextFrame()).isEqualTo(frame(live));
        sink.assertNoMoreFrames();
    }

    @Test
    void eventsPublishedBetweenTheRewindAndTheReplayArriveOnceAfterTheRewoundOnes() {
        publish("a", "a1");
        StoredEvent a2 = publish("a", "a2");
        broker.hold(ControlledBroker.Hold.BEFORE_READ);
        FakeSink sink = sink(loop("loop"));

        rewind(sink, 1, "a");
        assertThat(sink.nextFrame()).as("the stream opens once the newest were read").isEqualTo(RETRY_FRAME);
        StoredEvent during1 = publish("a", "a3");
        StoredEvent during2 = publish("a", "a4");
        broker.release();
        StoredEvent live = publish("a", "a5");

        assertThat(sink.nextFrames(4)).containsExactly(frame(a2), frame(during1), frame(during2), frame(live));
        sink.assertNoMoreFrames();
    }

    @Test
    void aRewindOfChannelsWithoutEventsGivesTheHeadAsResumePoint() {
        publish("b", "elsewhere");
        String head = headId();
        FakeSink sink = sink(loop("loop"));

        rewind(sink, 5, "a");

        assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
        assertThat(sink.caughtUpAfterFrames()).isEqualTo(2);
        sink.assertNoMoreFrames();
    }

    @Test
    void aCursorInTheRequestWinsOverItsRewind() {
        StoredEvent seen = publish("a", "a1");
        StoredEvent missed = publish("a", "a2");
        FakeSink sink = sink(loop("loop"));

        sink.loop.call(() -> hub.subscribe(new StreamRequest(Set.of("a"), seen.event().id(), 5), sink));

        assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, frame(missed));
        sink.assertNoMoreFrames();
    }

    @Test
    void caughtUpComesOnceAfterTheReplayAndNotForLiveEvents() {
        StoredEvent seen = publish("a", "a1");
        publish("a", "a2");
        publish("a", "a3");
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, seen.event().id(), "a");
        assertThat(sink.caughtUpAfterFrames()).as("retry and the two missed events").isEqualTo(3);
        publish("a", "a4");
        assertThat(sink.nextFrames(4)).hasSize(4);
        sink.assertNoMoreFrames();
    }

    // ---- history gone ----

    @Test
    void trimmedHistoryProducesAHistoryGoneEventThenWhatHistoryHolds() throws Exception {
        memory.close();
        memory = new MemoryBroker(new HistoryPolicy(2, Duration.ofHours(1)));
        broker = new ControlledBroker(memory);
        Hub small = newHub(broker, NO_HEARTBEAT);
        List<StoredEvent> stored = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            stored.add(publish("a", "a" + i));
        }
        String lastSeen = stored.get(0).event().id();
        FakeSink sink = sink(loop("loop"));

        subscribe(small, sink, lastSeen, "b", "a");

        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
        String gone = sink.nextFrame();
        assertThat(gone).startsWith("event: " + HistoryGone.TYPE + "\ndata: ").endsWith("\n\n").doesNotContain("id:");
        JsonNode data = new ObjectMapper().readTree(gone.substring(gone.indexOf("data: ") + 6).trim());
        assertThat(data.get("lastEventId").asText()).isEqualTo(lastSeen);
        assertThat(data.get("channels")).extracting(JsonNode::asText).containsExactly("a", "b");
        assertThat(data.size()).isEqualTo(2);
        assertThat(sink.nextFrames(2)).containsExactly(frame(stored.get(3)), frame(stored.get(4)));
        sink.assertNoMoreFrames();
    }

    @Test
    void unknownIdProducesAHistoryGoneEventThenTheHeadAsResumePoint() throws Exception {
        StoredEvent other = publish("b", "elsewhere");
        FakeSink sink = sink(loop("loop"));

        subscribe(sink, "no-such-id", "a");

        assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
        String gone = sink.nextFrame();
        List<ParsedEvent> parsed = new ArrayList<>();
        new SseParser(parsed::add).feed(gone.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).hasSize(1);
        assertThat(parsed.get(0).type()).isEqualTo("history-gone");
        JsonNode data = new ObjectMapper().readTree(parsed.get(0).data());
        assertThat(data.get("lastEventId").asText()).isEqualTo("no-such-id");
        assertThat(data.get("channels")).extracting(JsonNode::asText).containsExactly("a");
        assertThat(sink.nextFrame()).isEqualTo("id: " + other.event().id() + "\n\n");
        sink.assertNoMoreFrames();
    }

    @Test
    void failedReplayClosesTheStreamSoTheClientRetries() throws InterruptedException {
        broker.hold(ControlledBroker.Hold.FAIL);
        FakeSink sink = sink(loop("loop"));

        try (SubscriberLog log = new SubscriberLog()) {
            subscribe(sink, "some-id", "a");

            assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
            Awaitility.await().atMost(PATIENCE).until(sink::closed);
            assertThat(log.awaitMessage(PATIENCE)).contains("could not read history for channels [a]", "history is unreachable");
        }
        awaitStats(hub, stats -> stats.connections() == 0);
        assertThat(broker.openSubscriptions()).isZero();
        assertThat(hub.stats().subscribersDropped()).as("not a slow client").isZero();
        publish("a", "after");
        sink.assertNoMoreFrames();
    }

    // ---- slow clients ----

    @Test
    void subscriberWhoseBufferIsFullIsDroppedAndCountedWhileOthersKeepReceivingEverything() {
        Loop loop = loop("loop");
        FakeSink healthy = liveClient(loop, "a");
        String head = headId();
        // room for the opening frames and one event, not for two
        FakeSink slow = sink(loop, RETRY_FRAME.length() + ("id: " + head + "\n\n").length() + 60);
        subscribe(slow, null, "a");
        assertThat(slow.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(frame(publish("a", "event number " + i)));
        }

        assertThat(healthy.nextFrames(20)).containsExactlyElementsOf(expected);
        healthy.assertNoMoreFrames();
        assertThat(slow.nextFrame()).isEqualTo(expected.get(0));
        slow.assertNoMoreFrames();
        awaitStats(hub, stats -> stats.subscribersDropped() == 1);
        // The drop is counted before the sink is aborted, on the loop: wait for the abort too.
        Awaitility.await("a client too slow for its buffer is cut off").atMost(PATIENCE).until(slow::aborted);
        assertThat(healthy.ended()).isFalse();
        assertThat(hub.stats().connections()).isEqualTo(1);
    }

    @Test
    void stalledSubscriberIsDroppedAtTheNextHeartbeatAndCountedWhileOthersKeepReceiving() {
        Duration timeout = Duration.ofSeconds(7);
        Hub beating = newHub(broker, new HubOptions(Duration.ofMillis(50), Duration.ofMillis(2500), timeout));
        Loop loop = loop("loop");
        FakeSink healthy = sink(loop);
        FakeSink stalled = sink(loop);
        String head = headId();
        subscribe(beating, healthy, null, "a");
        subscribe(beating, stalled, null, "a");
        for (FakeSink sink : List.of(healthy, stalled)) {
            assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
            assertThat(sink.nextFrame()).isEqualTo(HEARTBEAT_FRAME);
        }
        assertThat(stalled.nextStallBound()).as("the sink is asked against the option").isEqualTo(timeout.toNanos());
        assertThat(beating.stats().subscribersDropped()).as("not stalled yet").isZero();

        stalled.stall();

        Awaitility.await("a stalled client is cut off at the next tick").atMost(PATIENCE).until(stalled::aborted);
        assertThat(beating.stats().subscribersDropped()).isEqualTo(1);
        assertThat(beating.stats().connections()).isEqualTo(1);
        assertThat(stalled.queuedFrames()).as("no heartbeat offered to the stalled client").allMatch(HEARTBEAT_FRAME::equals);
        stalled.assertNoMoreFrames();
        StoredEvent after = publish("a", "after the drop");
        assertThat(healthy.nextFrames(10)).filteredOn(frame -> !frame.equals(HEARTBEAT_FRAME)).first()
                .isEqualTo(frame(after));
        assertThat(healthy.ended()).isFalse();
        assertThat(healthy.nextFrame()).as("heartbeats go on").isEqualTo(HEARTBEAT_FRAME);
    }

    @Test
    void slowClientsDroppedInTheMiddleOfAFanOutLeaveEveryOtherClientItsEventsOnce() {
        Loop loop = loop("loop");
        String head = headId();
        List<FakeSink> healthy = new ArrayList<>();
        List<FakeSink> slow = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i % 3 == 1) {
                // room for the opening frames and one event: dropped by the second, in the middle of the channel's list
                FakeSink client = sink(loop, RETRY_FRAME.length() + ("id: " + head + "\n\n").length() + 60);
                subscribe(client, null, "a");
                assertThat(client.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
                slow.add(client);
            } else {
                healthy.add(liveClient(loop, "a"));
            }
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(frame(publish("a", "event number " + i)));
        }

        for (FakeSink client : healthy) {
            assertThat(client.nextFrames(5)).containsExactlyElementsOf(expected);
        }
        awaitStats(hub, stats -> stats.subscribersDropped() == slow.size());
        loop.run(() -> { }); // after the drains
        assertThat(healthy).allSatisfy(client -> assertThat(client.queuedFrames()).isEmpty());
        assertThat(slow).allSatisfy(client -> assertThat(client.aborted()).isTrue());
        assertThat(hub.stats().connections()).isEqualTo(healthy.size());
    }

    @Test
    void aLargeFanOutTakesTurnsWithTheLoopsInputAndAnEventArrivingMeanwhileSharesTheWritesStillToCome() {
        Loop loop = loop("loop");
        loop.holdTurns();
        List<FakeSink> clients = new ArrayList<>();
        for (int i = 0; i < 3 * LoopShard.FLUSH_SLICE; i++) {
            clients.add(liveClient(loop, "a"));
        }
        Map<FakeSink, Integer> openingWrites = new HashMap<>();
        clients.forEach(client -> openingWrites.put(client, client.writes().size()));

        String first = frame(publish("a", "first"));
        loop.run(() -> { }); // after the drain: one slice flushed, the rest waits for the loop's next turn
        assertThat(clients).filteredOn(client -> client.writes().size() > openingWrites.get(client))
                .hasSize(LoopShard.FLUSH_SLICE);
        String second = frame(publish("a", "second")); // read "during the turn": it joins the pending fan-out
        int turns = 0;
        while (loop.turn() > 0) {
            turns++;
        }

        assertThat(turns).as("turns for the rest of the first pass, then the first slice's second event").isEqualTo(3);
        Map<List<String>, Integer> writeShapes = new HashMap<>();
        for (FakeSink client : clients) {
            assertThat(client.nextFrames(2)).containsExactly(first, second);
            List<String> writes = client.writes();
            writeShapes.merge(writes.subList(openingWrites.get(client), writes.size()), 1, Integer::sum);
        }
        assertThat(writeShapes).containsOnly(
                Map.entry(List.of(first, second), LoopShard.FLUSH_SLICE),
                Map.entry(List.of(first + second), 2 * LoopShard.FLUSH_SLICE));
    }

    @Test
    void clientsLeavingInAnyOrderLeaveExactlyTheStayingOnesReceiving() {
        Loop loop = loop("loop");
        List<FakeSink> clients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clients.add(liveClient(loop, "a", i % 2 == 0 ? "b" : "c"));
        }
        List<FakeSink> leaving = new ArrayList<>(clients);
        Collections.shuffle(leaving, new Random(7));
        leaving = leaving.subList(0, 25);
        leaving.forEach(this::cancel);
        List<FakeSink> staying = new ArrayList<>(clients);
        staying.removeAll(leaving);

        StoredEvent event = publish("a", "after");

        for (FakeSink client : staying) {
            assertThat(client.nextFrame()).isEqualTo(frame(event));
        }
        loop.run(() -> { }); // after the drain
        assertThat(clients).allSatisfy(client -> assertThat(client.queuedFrames()).isEmpty());
        assertThat(hub.stats().connections()).isEqualTo(staying.size());
    }

    @Test
    void sinkTooSmallForTheOpeningFrameIsDroppedAndLeavesNothingBehind() {
        FakeSink tiny = sink(loop("loop"), 4);

        subscribe(tiny, null, "a");

        awaitStats(hub, stats -> stats.subscribersDropped() == 1);
        Awaitility.await().atMost(PATIENCE).until(tiny::aborted); // counted just before the abort, on the loop
        assertThat(hub.stats().connections()).isZero();
        assertThat(broker.openSubscriptions()).as("the hub no longer listens to the channel").isZero();
        publish("a", "after");
        assertThat(hub.stats().eventsDispatched()).isZero();
        tiny.assertNoMoreFrames();
    }

    // ---- heartbeats ----

    @Test
    void heartbeatsArriveOnEveryStreamAtTheHeartbeatInterval() {
        Hub beating = newHub(broker, new HubOptions(Duration.ofMillis(50), Duration.ofMillis(2500)));
        FakeSink first = sink(loop("first"));
        FakeSink second = sink(loop("second"));
        String head = headId();

        subscribe(beating, first, null, "a");
        subscribe(beating, second, null, "b");

        for (FakeSink sink : List.of(first, second)) {
            assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
            assertThat(sink.nextFrames(3)).containsOnly(HEARTBEAT_FRAME);
        }
    }

    @Test
    void noHeartbeatOpensAStreamBeforeItsResumePointIsFixed() {
        Hub beating = newHub(broker, new HubOptions(Duration.ofMillis(20), Duration.ofMillis(2500)));
        broker.hold(ControlledBroker.Hold.BEFORE_READ);
        FakeSink sink = sink(loop("loop"));

        subscribe(beating, sink, null, "a");
        String head = await(broker.replayWithoutHold(Set.of("a"))).headId();
        sink.assertNoMoreFrames();
        broker.release();

        assertThat(sink.nextFrames(2)).containsExactly(RETRY_FRAME, "id: " + head + "\n\n");
        StoredEvent after = publish("a", "after the stream opened");
        assertThat(sink.nextFrames(10)).filteredOn(frame -> !frame.equals(HEARTBEAT_FRAME)).first()
                .isEqualTo(frame(after));
    }

    @Test
    void heartbeatsStopAfterCloseStreams() throws Exception {
        Hub beating = newHub(broker, new HubOptions(Duration.ofMillis(50), Duration.ofMillis(2500)));
        FakeSink sink = sink(loop("loop"));
        subscribe(beating, sink, null, "a");
        assertThat(sink.nextFrames(3)).endsWith(HEARTBEAT_FRAME);

        beating.closeStreams().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(sink.closed()).isTrue();
        assertThat(sink.queuedFrames()).as("frames offered before the stream closed").allMatch(HEARTBEAT_FRAME::equals);
        sink.assertNoMoreFrames();
    }

    // ---- leaving ----

    @Test
    void cancelRemovesTheSubscriberAndItReceivesNothingMore() {
        FakeSink leaving = liveClient(loop("first"), "a");
        FakeSink staying = liveClient(loop("second"), "a");
        assertThat(hub.stats().connections()).isEqualTo(2);

        cancel(leaving);
        assertThat(hub.stats().connections()).isEqualTo(1);
        cancel(leaving);
        assertThat(hub.stats().connections()).as("cancel is idempotent").isEqualTo(1);
        StoredEvent event = publish("a", "after");

        assertThat(staying.nextFrame()).isEqualTo(frame(event));
        leaving.assertNoMoreFrames();
        staying.assertNoMoreFrames();
        assertThat(leaving.ended()).as("the client left; the hub does not end its stream").isFalse();
        assertThat(hub.stats().subscribersDropped()).isZero();
    }

    @Test
    void cancelOfOneSubscriberOnALoopLeavesTheOthersOnItReceiving() {
        Loop loop = loop("loop");
        FakeSink leaving = liveClient(loop, "a");
        FakeSink staying = liveClient(loop, "a");

        cancel(leaving);
        StoredEvent event = publish("a", "after");

        assertThat(staying.nextFrame()).isEqualTo(frame(event));
        leaving.assertNoMoreFrames();
    }

    @Test
    void lastClientLeavingReleasesTheBrokerSubscriptionAndANewOneRenewsIt() {
        Loop loop = loop("loop");
        FakeSink first = sink(loop);
        FakeSink second = sink(loop);
        HubSubscription firstSubscription = subscribe(first, null, "a");
        HubSubscription secondSubscription = subscribe(second, null, "a");
        assertThat(broker.openSubscriptions()).as("one broker subscription per channel").isEqualTo(1);

        loop.run(firstSubscription::cancel);
        assertThat(broker.openSubscriptions()).isEqualTo(1);
        loop.run(secondSubscription::cancel);
        assertThat(broker.openSubscriptions()).isZero();

        FakeSink third = liveClient(loop, "a");
        assertThat(broker.openSubscriptions()).isEqualTo(1);
        StoredEvent event = publish("a", "again");
        assertThat(third.nextFrame()).isEqualTo(frame(event));
        third.assertNoMoreFrames();
    }

    @Test
    void closeStreamsWritesWhatAFanOutHasNotFlushedYetBeforeEndingTheStreams() throws Exception {
        Loop loop = loop("loop");
        loop.holdTurns();
        List<FakeSink> clients = new ArrayList<>();
        for (int i = 0; i < 2 * LoopShard.FLUSH_SLICE; i++) {
            clients.add(liveClient(loop, "a"));
        }
        String event = frame(publish("a", "last words"));
        loop.run(() -> { }); // one slice flushed, the other waits for a turn that never comes before the close

        hub.closeStreams().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(clients).allSatisfy(client -> {
            assertThat(client.writes()).last().isEqualTo(event);
            assertThat(client.closed()).isTrue();
        });
    }

    @Test
    void closeStreamsClosesEverySink() throws Exception {
        Loop first = loop("first");
        Loop second = loop("second");
        List<FakeSink> clients = List.of(liveClient(first, "a"), liveClient(first, "b"), liveClient(second, "a"));

        hub.closeStreams().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(clients).as("closed cleanly").allMatch(FakeSink::closed).noneMatch(FakeSink::aborted);
        assertThat(hub.stats().connections()).isZero();
        assertThat(broker.openSubscriptions()).isZero();
        publish("a", "after close");
        for (FakeSink client : clients) {
            client.assertNoMoreFrames();
        }
    }
}
