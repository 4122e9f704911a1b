package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void everyMessageOnceInOrderIsClean() {
        for (long seq = 0; seq < 10_000; seq++) {
            tracker.record(seq, seq);
        }

        assertThat(tracker.distinct()).isEqualTo(10_000);
        assertThat(tracker.lost(10_000)).isZero();
        assertThat(tracker.duplicated()).isZero();
        assertThat(tracker.reordered()).isZero();
    }

    @Test
    void aMessageNeverReceivedIsLost() {
        tracker.record(0, 0);
        tracker.record(1, 1);
        tracker.record(3, 3);

        assertThat(tracker.lost(4)).isEqualTo(1);
        assertThat(tracker.lost(6)).isEqualTo(3);
    }

    @Test
    void aMessageReceivedTwiceIsADuplicateNotTwoDeliveries() {
        tracker.record(0, 0);
        tracker.record(1, 1);
        tracker.record(1, 1);
        tracker.record(0, 0);

        assertThat(tracker.duplicated()).isEqualTo(2);
        assertThat(tracker.distinct()).isEqualTo(2);
        assertThat(tracker.lost(2)).isZero();
    }

    @Test
    void messagesPublishedConcurrentlyMayArriveInEitherOrder() {
        // 1 was sent while 0 was still unanswered: the server may have received 1 first.
        tracker.record(1, 0);
        tracker.record(0, 0);

        assertThat(tracker.reordered()).isZero();
        assertThat(tracker.duplicated()).isZero();
        assertThat(tracker.lost(2)).isZero();
    }

    @Test
    void aMessageArrivingAfterOneSentOnlyOnceItWasAnsweredIsReordered() {
        tracker.record(0, 0);
        tracker.record(3, 2); // sent after 0 and 1 were answered
        tracker.record(2, 1); // in flight with 3: may come late
        tracker.record(1, 1); // answered before 3 was sent: must have come before it

        assertThat(tracker.reordered()).isEqualTo(1);
        assertThat(tracker.lost(4)).isZero();
    }

    @Test
    void aMessageLaterThanTheWindowIsGivenUpAsLostAndItsArrivalCountsAsDuplicate() {
        tracker.record(1, 1);
        tracker.record(SequenceTracker.WINDOW + 1, SequenceTracker.WINDOW + 1);
        tracker.record(0, 0);

        // 0 and 2 to WINDOW never counted as arrived
        assertThat(tracker.lost(SequenceTracker.WINDOW + 2)).isEqualTo(SequenceTracker.WINDOW);
        assertThat(tracker.duplicated()).isEqualTo(1);
    }

    @Test
    void aNewMessageOneWindowAheadIsNotMistakenForOneAlreadySeen() {
        tracker.record(5, 5);
        tracker.record(SequenceTracker.WINDOW + 5, SequenceTracker.WINDOW + 5);

        assertThat(tracker.duplicated()).isZero();
        assertThat(tracker.distinct()).isEqualTo(2);
    }
}
