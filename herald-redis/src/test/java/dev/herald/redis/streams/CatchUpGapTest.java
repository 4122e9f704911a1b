package dev.herald.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.Gap;
import dev.herald.broker.HeraldId;
import dev.herald.broker.StoredEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a Streams node's catch-up must tell a gap, and where the gap sits in the order. */
class CatchUpGapTest {

    private static final long OLD_EPOCH = 1_760_000_000_000L;
    private static final long NEW_EPOCH = OLD_EPOCH + 5_000;

    private static StoredEvent event(long epoch, long sequence) {
        return new Announcement("news", epoch, sequence, "{\"data\": \"" + sequence + "\"}").decoded();
    }

    @Test
    void aPlainReconnectReadsWhatWasMissedAndTellsNothing() {
        StreamHistory.Read read = new StreamHistory.Read(List.of(event(OLD_EPOCH, 8), event(OLD_EPOCH, 9)), false);

        assertThat(LiveFeed.gapOf(new StreamHistory.Head(OLD_EPOCH, 9), read, OLD_EPOCH, StreamOrder.pack(OLD_EPOCH, 7)))
                .isNull();
    }

    @Test
    void aNewDataSetIsAGapAtItsStartBeforeEverythingItHolds() {
        long lastDelivered = StreamOrder.pack(OLD_EPOCH, 7);
        StreamHistory.Read read = new StreamHistory.Read(List.of(event(NEW_EPOCH, 1)), false);

        Gap gap = LiveFeed.gapOf(new StreamHistory.Head(NEW_EPOCH, 1), read, OLD_EPOCH, lastDelivered);

        assertThat(gap.sequence()).isGreaterThan(lastDelivered).isLessThan(event(NEW_EPOCH, 1).sequence());
        assertThat(gap.resumeId()).isEqualTo(new HeraldId(NEW_EPOCH, 0).toString());
    }

    @Test
    void aStreamTrimmedPastWhatWasDeliveredIsAGapJustBeforeTheFirstEventStillHeld() {
        long lastDelivered = StreamOrder.pack(OLD_EPOCH, 7);
        StreamHistory.Read read = new StreamHistory.Read(List.of(event(OLD_EPOCH, 40), event(OLD_EPOCH, 41)), true);

        Gap gap = LiveFeed.gapOf(new StreamHistory.Head(OLD_EPOCH, 41), read, OLD_EPOCH, lastDelivered);

        assertThat(gap.sequence()).isEqualTo(StreamOrder.pack(OLD_EPOCH, 39));
        assertThat(gap.resumeId()).isEqualTo(new HeraldId(OLD_EPOCH, 39).toString());
    }

    @Test
    void aNodeThatDeliveredNothingYetTellsNoTrimItCannotPlace() {
        StreamHistory.Read read = new StreamHistory.Read(List.of(event(OLD_EPOCH, 40)), true);

        assertThat(LiveFeed.gapOf(new StreamHistory.Head(OLD_EPOCH, 40), read, OLD_EPOCH, 0)).isNull();
    }
}
