package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.Gap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gap is of one partition: a stream's id after it moves that partition only. */
class PartitionLanesTest {

    private static final PartitionLanes LANES = PartitionLanes.INSTANCE;

    private static Gap gapAt(int partition, long stamp) {
        return new Gap(Stamps.sequence(stamp, partition), Cursor.of(partition, stamp));
    }

    @Test
    void aGapIsInItsPartitionsLane() {
        assertThat(LANES.lane(gapAt(5, 1000))).isEqualTo(5);
    }

    @Test
    void aStreamOverSeveralPartitionsKeepsTheOthersWhereTheyWere() {
        String sent = Cursor.of(Map.of(2, 700L, 5, 900L));

        assertThat(Cursor.parse(LANES.afterGap(sent, gapAt(5, 1000)))).isEqualTo(Map.of(2, 700L, 5, 1000L));
    }

    @Test
    void aStreamOfOnePartitionOrWithoutACursorResumesFromTheGapsOwnId() {
        Gap gap = gapAt(5, 1000);

        assertThat(LANES.afterGap(Cursor.of(5, 900), gap)).isEqualTo(gap.resumeId());
        assertThat(LANES.afterGap("publisher-id-7", gap)).isEqualTo(gap.resumeId());
        assertThat(LANES.afterGap(null, gap)).isEqualTo(gap.resumeId());
    }
}
