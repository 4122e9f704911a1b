package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.Gap;
import dev.herald.broker.Lanes;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.metrics.HeraldCounters;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** One subscriber on the calling thread, with a test as its owner: what it writes, and what it tells its owner. */
class SubscriberTest {

    private static final byte[] RETRY = SseEncoder.retry(2500);

    private final HeraldCounters counters = new HeraldCounters();
    private final List<Subscriber> left = new ArrayList<>();
    private final SubscriberOwner owner = new SubscriberOwner() {
        @Override
        public void left(Subscriber subscriber) {
            left.add(subscriber);
        }

        @Override
        public HeraldMetrics metrics() {
            return counters;
        }
    };

    @Test
    void liveEventsThatWaitedForTheOpeningFollowItWithoutTheOnesItHeld() {
        RecordingSink sink = new RecordingSink(Long.MAX_VALUE);
        Subscriber subscriber = new Subscriber(owner, Set.of("a"), sink);
        subscriber.open(RETRY);

        subscriber.deliver(dispatch(5)); // published between the join and the replay: in the replay too
        subscriber.deliver(dispatch(6)); // published after the replay was read
        subscriber.opened(new Resume(Set.of("a"), "e-4", 0).opening(null,
                new Replay(List.of(event(5)), false, 5, "e-5")));
        subscriber.deliver(dispatch(6)); // the same event again, as a fan-out that came round twice would hand it

        assertThat(sink.frames).containsExactly("retry: 2500\n\n", frame(5), frame(6));
        assertThat(counters.eventsDelivered()).isEqualTo(2);
        assertThat(sink.caughtUp).isEqualTo(1);
    }

    @Test
    void aSubscriberTellsItsOwnerOnceThatItLeft() {
        Subscriber subscriber = new Subscriber(owner, Set.of("a"), new RecordingSink(Long.MAX_VALUE));

        subscriber.cancel();
        subscriber.cancel();

        assertThat(left).containsExactly(subscriber);
    }

    @Test
    void aSubscriberWhoseSinkIsFullIsDroppedCountedAndLeaves() throws InterruptedException {
        RecordingSink sink = new RecordingSink(RETRY.length);
        Subscriber subscriber = new Subscriber(owner, Set.of("a"), sink);
        subscriber.open(RETRY);

        try (SubscriberLog log = new SubscriberLog()) {
            subscriber.opened(new Resume(Set.of("a"), "e-4", 0).opening(null,
                    new Replay(List.of(event(5)), false, 5, "e-5")));
            assertThat(log.awaitMessage(Duration.ofSeconds(10))).contains("dropping a subscriber of [a]: its outbound buffer is full");
        }

        assertThat(counters.subscribersDropped()).isEqualTo(1);
        assertThat(counters.eventsDelivered()).isZero();
        assertThat(sink.aborted).isTrue();
        assertThat(sink.caughtUp).as("never caught up").isZero();
        assertThat(left).containsExactly(subscriber);
    }

    // ---- a broker of two lanes (events of lane N have sequences ≡ N mod 2) ----

    @Test
    void aStreamOverTwoLanesTakesEachLanesEventsAfterItsOwnHeadWhateverTheOrderAcrossLanes() {
        RecordingSink sink = new RecordingSink(Long.MAX_VALUE);
        Subscriber subscriber = new Subscriber(owner, Set.of("a", "b"), sink);
        subscriber.open(RETRY);

        subscriber.opened(new Resume(Set.of("a", "b"), null, 0, TWO_LANES).opening(null,
                new Replay(List.of(), false, 9, "c0.8,1.9")));
        subscriber.deliver(dispatch(7));  // lane 1, at or below its head 9: in the replay
        subscriber.deliver(dispatch(10)); // lane 0, above its head 8
        subscriber.deliver(dispatch(11)); // lane 1
        subscriber.deliver(dispatch(10)); // lane 0 again: sent already
        subscriber.deliver(dispatch(9 + 4)); // lane 1 after lane 0's 10 and lane 1's 11

        assertThat(sink.frames).containsExactly("retry: 2500\n\n", "id: c0.8,1.9\n\n",
                "id: c0.10,1.9\ndata: event 10\n\n", "id: c0.10,1.11\ndata: event 11\n\n",
                "id: c0.10,1.13\ndata: event 13\n\n");
    }

    @Test
    void aGapInOneLaneIsToldOnceAndMovesOnlyThatLanesPositionInTheStreamsId() {
        RecordingSink sink = new RecordingSink(Long.MAX_VALUE);
        Subscriber subscriber = new Subscriber(owner, Set.of("a", "b"), sink);
        subscriber.open(RETRY);
        subscriber.opened(new Resume(Set.of("a", "b"), null, 0, TWO_LANES).opening(null,
                new Replay(List.of(), false, 9, "c0.8,1.9")));

        subscriber.deliver(dispatch(10)); // lane 0
        subscriber.deliver(Dispatch.gap("a", new Gap(15, "c1.15"), 0)); // lane 1's gap: lane 0 stays at 10
        subscriber.deliver(Dispatch.gap("b", new Gap(15, "c1.15"), 0)); // the same gap through the other channel
        subscriber.deliver(dispatch(13)); // lane 1, before its gap: not sent
        subscriber.deliver(dispatch(12)); // lane 0 is not behind lane 1's gap
        subscriber.deliver(dispatch(17)); // lane 1, after its gap

        assertThat(sink.frames).containsExactly("retry: 2500\n\n", "id: c0.8,1.9\n\n",
                "id: c0.10,1.9\ndata: event 10\n\n",
                "event: history-gone\ndata: {\"lastEventId\":null,\"channels\":[\"a\",\"b\"]}\n\n",
                "id: c0.10,1.15\n\n",
                "id: c0.12,1.15\ndata: event 12\n\n", "id: c0.12,1.17\ndata: event 17\n\n");
    }

    @Test
    void aStreamWithinOneLaneSendsTheSharedFrameWithTheEventsOwnId() {
        RecordingSink sink = new RecordingSink(Long.MAX_VALUE);
        Subscriber subscriber = new Subscriber(owner, Set.of("a"), sink);
        subscriber.open(RETRY);

        subscriber.opened(new Resume(Set.of("a"), null, 0, TWO_LANES).opening(null,
                new Replay(List.of(), false, 8, "c0.8")));
        Dispatch shared = dispatch(10);
        subscriber.deliver(shared);

        assertThat(sink.frames).containsExactly("retry: 2500\n\n", "id: c0.8\n\n", frame(10));
    }

    /**
     * Two lanes: an event's own id {@code e-N}; a stream over both carries {@code c<lane>.<sequence>,...}, moved past
     * each event it sends.
     */
    private static final Lanes TWO_LANES = new Lanes() {
        @Override
        public int lane(StoredEvent event) {
            return (int) (event.sequence() % 2);
        }

        @Override
        public String advance(String sent, StoredEvent event) {
            Map<Integer, Long> positions = parse(sent);
            if (positions.isEmpty() || positions.keySet().equals(Set.of(lane(event)))) {
                return event.event().id();
            }
            positions.put(lane(event), event.sequence());
            return format(positions);
        }

        @Override
        public String caughtUp(String sent, Replay replay) {
            Map<Integer, Long> positions = parse(replay.headId());
            parse(sent).forEach((lane, sequence) -> positions.merge(lane, sequence, Math::max));
            return format(positions).equals(sent) ? sent : format(positions);
        }

        @Override
        public Map<Integer, Long> heads(Replay replay) {
            return parse(replay.headId());
        }

        @Override
        public int lane(Gap gap) {
            return (int) (gap.sequence() % 2);
        }

        @Override
        public String afterGap(String sent, Gap gap) {
            Map<Integer, Long> positions = parse(sent);
            positions.put(lane(gap), gap.sequence());
            return format(positions);
        }

        private static Map<Integer, Long> parse(String id) {
            Map<Integer, Long> positions = new TreeMap<>();
            if (id != null && id.startsWith("c")) {
                for (String entry : id.substring(1).split(",")) {
                    String[] parts = entry.split("\\.");
                    positions.put(Integer.valueOf(parts[0]), Long.valueOf(parts[1]));
                }
            }
            return positions;
        }

        private static String format(Map<Integer, Long> positions) {
            StringBuilder id = new StringBuilder("c");
            positions.forEach((lane, sequence) -> id.append(id.length() > 1 ? "," : "").append(lane).append('.')
                    .append(sequence));
            return id.toString();
        }
    };

    private static StoredEvent event(long sequence) {
        return new StoredEvent("a", sequence, new SseEvent("e-" + sequence, null, "event " + sequence, null));
    }

    private static Dispatch dispatch(long sequence) {
        StoredEvent event = event(sequence);
        return new Dispatch(event, SseEncoder.encode(event.event()), 0);
    }

    private static String frame(long sequence) {
        return "id: e-" + sequence + "\ndata: event " + sequence + "\n\n";
    }

    /** A sink on the calling thread that keeps what it was offered, up to a number of bytes. */
    private static final class RecordingSink implements SseSink {
        final List<String> frames = new ArrayList<>();
        final long byteLimit;
        long bytes;
        int caughtUp;
        boolean aborted;

        RecordingSink(long byteLimit) {
            this.byteLimit = byteLimit;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public boolean offer(byte[] frame) {
            if (bytes + frame.length > byteLimit) {
                return false;
            }
            bytes += frame.length;
            frames.add(new String(frame, StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void caughtUp() {
            caughtUp++;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }
}
