package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.redis.cstreams.PartitionHistory.Head;
import org.junit.jupiter.api.Test;

/** Where a partition's history no longer holds what came after a position, and where the gap is placed. */
class PartitionHeadTest {

    @Test
    void aPositionWithinTheDataSetAndAfterTheLostStampIsHeld() {
        Head head = new Head(500, 100, 300);

        assertThat(head.goneAfter(300)).isZero();
        assertThat(head.goneAfter(500)).isZero();
        assertThat(new Head(500, 100, 0).goneAfter(99)).as("just before the origin").isZero();
        assertThat(head.goneAfter(0)).as("no position").isZero();
    }

    @Test
    void aPositionBeforeTheLostStampMissedWhatWasLost() {
        assertThat(new Head(500, 100, 300).goneAfter(250)).isEqualTo(300);
    }

    @Test
    void aPositionOfAnotherDataSetIsGoneAfterItOrJustBeforeTheNewOrigin() {
        assertThat(new Head(0, 0, 0).goneAfter(250)).as("an empty partition").isEqualTo(251);
        assertThat(new Head(500, 400, 0).goneAfter(250)).as("a data set begun later").isEqualTo(399);
        assertThat(new Head(500, 400, 0).replaced(250)).isTrue();
        assertThat(new Head(500, 100, 0).replaced(250)).isFalse();
    }

    @Test
    void aCatchUpTellsAnotherDataSetByTheOriginTheNodeSaw() {
        assertThat(new Head(500, 400, 0).replacedSince(100, 450)).as("an origin later than the one seen").isTrue();
        assertThat(new Head(0, 0, 0).replacedSince(100, 450)).as("an empty partition").isTrue();
        assertThat(new Head(600, 50, 600).replacedSince(100, 450)).as("a loss recorded moved it earlier").isFalse();
        assertThat(new Head(400, 100, 0).replacedSince(100, 450)).as("the same data set gone back").isFalse();
    }

    @Test
    void withoutAnOriginSeenAHeadBelowThePositionIsTheSameDataSetGoneBackNotANewOne() {
        // The node's first read of the partition failed; a failover then lost what it delivered (450 > head 400): the
        // gap is at the newest stamp known, not at 451, which never existed and would make a resume from 450 gone.
        assertThat(new Head(400, 100, 0).replacedSince(0, 450)).isFalse();
        assertThat(new Head(500, 480, 0).replacedSince(0, 450)).as("a data set begun after the position").isTrue();
        assertThat(new Head(0, 0, 0).replacedSince(0, 450)).as("an empty partition").isTrue();
        assertThat(new Head(500, 480, 0).replacedSince(0, 0)).as("no position").isFalse();
    }
}
