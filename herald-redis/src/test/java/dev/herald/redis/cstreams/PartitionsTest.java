package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Channels spread over the partitions, and the partitions over the slots of a cluster. */
class PartitionsTest {

    @Test
    void redisSlotsAreComputedAsRedisDoes() {
        // CLUSTER KEYSLOT foo = 12182, CLUSTER KEYSLOT 123456789 = 12739 (Redis Cluster specification)
        assertThat(Partitions.slot("foo")).isEqualTo(12182);
        assertThat(Partitions.slot("123456789")).isEqualTo(12739);
    }

    @Test
    void eachPartitionsTagLiesInItsSixteenthOfTheSlots() {
        for (int p = 0; p < Partitions.COUNT; p++) {
            String tag = Partitions.tag(p);
            int slot = Partitions.slot(tag.substring(1, tag.length() - 1));
            assertThat(slot).as("partition %d (%s)", p, tag).isBetween(p * 1024, p * 1024 + 1023);
        }
    }

    @Test
    void threeMastersWithEvenSlotRangesHoldSixFiveAndFivePartitions() {
        int[] perMaster = new int[3];
        for (int p = 0; p < Partitions.COUNT; p++) {
            String tag = Partitions.tag(p);
            int slot = Partitions.slot(tag.substring(1, tag.length() - 1));
            perMaster[slot < 5461 ? 0 : slot < 10923 ? 1 : 2]++;
        }
        assertThat(perMaster).containsExactlyInAnyOrder(6, 5, 5);
    }

    @Test
    void aThousandChannelsReachEveryPartition() {
        Set<Integer> reached = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int p = Partitions.of("channel-" + i);
            assertThat(p).isBetween(0, Partitions.COUNT - 1);
            reached.add(p);
        }
        assertThat(reached).hasSize(Partitions.COUNT);
    }
}
