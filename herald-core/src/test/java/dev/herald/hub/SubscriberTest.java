package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
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
