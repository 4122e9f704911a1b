package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.HeraldId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ids of the partitioned Streams broker: their form, and their length against the request limits. */
class CursorTest {

    private static final long STAMP = 1_765_100_000_123_456L; // µs, December 2025

    @Test
    void anEventsIdNamesItsPartitionAndStampInBase36() {
        assertThat(Cursor.of(3, STAMP)).isEqualTo("~3" + Long.toString(STAMP, 36));
        assertThat(Cursor.parse(Cursor.of(3, STAMP))).containsExactly(Map.entry(3, STAMP));
    }

    @Test
    void aCursorNamesEachPartitionOnceInPartitionOrder() {
        String id = Cursor.of(Map.of(11, 5L, 0, STAMP));

        assertThat(id).isEqualTo("~0" + Long.toString(STAMP, 36) + "~b5");
        assertThat(Cursor.parse(id)).containsExactly(Map.entry(0, STAMP), Map.entry(11, 5L));
    }

    @Test
    void theLongestCursorFitsTheLongestIdAClientCanSendBack() {
        Map<Integer, Long> everyPartition = new HashMap<>();
        long lastStampOf2086 = Long.parseLong("zzzzzzzzzz", 36);
        for (int p = 0; p < Partitions.COUNT; p++) {
            everyPartition.put(p, lastStampOf2086);
        }

        assertThat(Cursor.of(everyPartition)).hasSize(Partitions.COUNT * Cursor.MAX_ENTRY_LENGTH)
                .hasSizeLessThanOrEqualTo(HeraldId.MAX_LENGTH);
    }

    @Test
    void idsOfOtherFormsAreNotCursors() {
        for (String id : new String[] {"1733-5", "order-17", "~", "~3", "~g1", "~3A", "~31~31", "~3x~", "3x",
                "~3" + "1".repeat(12)}) {
            assertThat(Cursor.parse(id)).as(id).isNull();
        }
    }
}
