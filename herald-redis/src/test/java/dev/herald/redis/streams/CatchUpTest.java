package dev.herald.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.StoredEvent;
import dev.herald.testing.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    private static final long EPOCH = 1_760_000_000_000L;

    private final List<StoredEvent> delivered = new ArrayList<>();
    private final CatchUp catchUp = new CatchUp(delivered::add);

    private static Announcement announcement(long epoch, long sequence) {
        return new Announcement("news", epoch, sequence, "{\"data\": \"" + sequence + "\"}");
    }

    private List<String> data() {
        return delivered.stream().map(event -> event.event().data()).toList();
    }

    @Test
    void liveAnnouncementsArePassedOnEachOnceAndNothingOlder() {
        catchUp.announced(announcement(EPOCH, 1));
        catchUp.announced(announcement(EPOCH, 2));
        catchUp.announced(announcement(EPOCH, 2));
        catchUp.announced(announcement(EPOCH, 1));

        assertThat(data()).containsExactly("1", "2");
        assertThat(catchUp.lastDelivered()).isEqualTo(StreamOrder.pack(EPOCH, 2));
    }

    @Test
    void aNewDataSetIsDeliveredThoughItsSequenceStartsAgain() {
        catchUp.announced(announcement(EPOCH, 9));
        catchUp.announced(announcement(EPOCH + 1000, 1));

        assertThat(data()).containsExactly("9", "1");
    }

    @Test
    void afterALossAnnouncementsWaitForWhatTheStreamsHeldAndFollowItInOrderEachOnce() {
        catchUp.announced(announcement(EPOCH, 1));
        catchUp.lost();
        catchUp.announced(announcement(EPOCH, 5));
        catchUp.announced(announcement(EPOCH, 4));
        assertThat(data()).containsExactly("1");

        catchUp.caughtUp(List.of(announcement(EPOCH, 2).decoded(), announcement(EPOCH, 3).decoded(),
                announcement(EPOCH, 4).decoded()), catchUp.losses());
        catchUp.announced(announcement(EPOCH, 6));

        assertThat(data()).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void aCatchUpOverTakenByAnotherLossDeliversWhatItReadButKeepsHoldingForTheNext() {
        catchUp.announced(announcement(EPOCH, 1));
        catchUp.lost();
        long firstRead = catchUp.losses();
        catchUp.lost(); // lost again while the first catch-up was reading: 3 and 4 are published meanwhile
        catchUp.announced(announcement(EPOCH, 5));

        catchUp.caughtUp(List.of(announcement(EPOCH, 2).decoded()), firstRead);
        assertThat(data()).as("5 waits: 3 and 4 are in no read yet").containsExactly("1", "2");
        catchUp.caughtUp(List.of(announcement(EPOCH, 3).decoded(), announcement(EPOCH, 4).decoded()), catchUp.losses());
        catchUp.announced(announcement(EPOCH, 6));

        assertThat(data()).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void anInvalidEventIsSkippedWithAWarningAndTheNextIsDelivered() {
        try (CapturedLog log = CapturedLog.of(CatchUp.class)) {
            catchUp.announced(new Announcement("news", EPOCH, 1, "{not json"));
            assertThat(log.awaitMessage()).startsWith("skipping an invalid event on news: ").contains("{not json");
        }
        catchUp.announced(announcement(EPOCH, 2));

        assertThat(data()).containsExactly("2");
    }

    @Test
    void anEventOnSeveralChannelsIsPassedOnOnEachAtItsFirstAnnouncementOnly() {
        String json = "{\"data\": \"both\"}";
        catchUp.announced(announcement(EPOCH, 1));
        catchUp.announced(Announcement.parse("a", EPOCH + " 2 [\"a\",\"b\"]" + json));
        catchUp.announced(Announcement.parse("b", EPOCH + " 2 [\"a\",\"b\"]" + json));
        catchUp.announced(announcement(EPOCH, 3));

        assertThat(delivered).extracting(StoredEvent::channel).containsExactly("news", "a", "b", "news");
        assertThat(data()).containsExactly("1", "both", "both", "3");
    }

    @Test
    void aCatchUpReadGivesAnEventOnSeveralChannelsOnceOnEach() {
        catchUp.lost();
        StoredEvent onA = Announcement.parse("a", EPOCH + " 2 [\"a\",\"b\"]{\"data\": \"x\"}").decodedOnEach().get(0);
        StoredEvent onB = new StoredEvent("b", onA.sequence(), onA.event());
        catchUp.announced(Announcement.parse("b", EPOCH + " 2 [\"a\",\"b\"]{\"data\": \"x\"}"));
        catchUp.caughtUp(List.of(onA, onB), catchUp.losses());

        assertThat(delivered).extracting(StoredEvent::channel).containsExactly("a", "b");
    }
}
