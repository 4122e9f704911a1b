package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An event whose partition's newest stamp before it is below a stamp known to have existed shows that stamp lost. */
class KnownStampsTest {

    private final KnownStamps known = new KnownStamps();

    @Test
    void anEventRightAfterTheNewestKnownShowsNoLoss() {
        known.acknowledged(3, 100);

        assertThat(known.lostBetween(3, 100, 105, 0)).isZero();
        assertThat(known.lostBetween(3, 105, 110, 105)).as("after what was delivered").isZero();
    }

    @Test
    void anAcknowledgedStampBetweenTheEventAndTheNewestBeforeItWasLost() {
        known.acknowledged(3, 101);

        assertThat(known.lostBetween(3, 90, 120, 0)).isEqualTo(101);
        assertThat(known.lostBetween(3, 120, 130, 0)).as("settled: told once").isZero();
    }

    @Test
    void aDeliveredStampAfterTheNewestBeforeTheEventWasLost() {
        assertThat(known.lostBetween(3, 90, 120, 100)).isEqualTo(100);
    }

    @Test
    void anAcknowledgementThatOvertookAnEarlierAnnouncementIsNoLoss() {
        known.acknowledged(3, 110); // this node's publish, acknowledged before the announcement of 105 arrived

        assertThat(known.lostBetween(3, 100, 105, 100)).isZero();
        assertThat(known.lostBetween(3, 105, 110, 105)).as("its own announcement").isZero();
        assertThat(known.lostBetween(3, 110, 111, 110)).isZero();
    }

    @Test
    void partitionsAreApart() {
        known.acknowledged(3, 100);

        assertThat(known.lostBetween(4, 10, 200, 0)).isZero();
        assertThat(known.newest(3)).isEqualTo(100);
        assertThat(known.newest(4)).isZero();
    }
}
