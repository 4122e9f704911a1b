package dev.herald.redis.cstreams;

import dev.herald.broker.Gap;
import dev.herald.broker.Lanes;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lanes of the partitioned Streams broker: one per partition. A stream over one partition sends each event's own
 * id (the frame the hub encodes once for all); a stream over several sends its {@link Cursor}, every partition's
 * position, moved past each event it sends. A gap is of one partition: after its notice a stream over several carries
 * its cursor with that partition moved to the gap, the others where they were.
 */
final class PartitionLanes implements Lanes {

    static final PartitionLanes INSTANCE = new PartitionLanes();

    private PartitionLanes() {
    }

    @Override
    public int lane(StoredEvent event) {
        return Stamps.partition(event.sequence());
    }

    @Override
    public String advance(String sent, StoredEvent event) {
        Map<Integer, Long> positions = Cursor.parse(sent);
        int partition = lane(event);
        if (positions == null || positions.isEmpty() || positions.keySet().equals(Set.of(partition))) {
            return event.event().id(); // one partition: the event's own id says it all
        }
        Map<Integer, Long> moved = new TreeMap<>(positions);
        moved.put(partition, Stamps.stampOf(event.sequence()));
        return Cursor.of(moved);
    }

    @Override
    public int lane(Gap gap) {
        return Stamps.partition(gap.sequence());
    }

    @Override
    public String afterGap(String sent, Gap gap) {
        Map<Integer, Long> positions = Cursor.parse(sent);
        int partition = lane(gap);
        if (positions == null || positions.isEmpty() || positions.keySet().equals(Set.of(partition))) {
            return gap.resumeId();
        }
        Map<Integer, Long> moved = new TreeMap<>(positions);
        moved.put(partition, Stamps.stampOf(gap.sequence()));
        return Cursor.of(moved);
    }

    @Override
    public String caughtUp(String sent, Replay replay) {
        Map<Integer, Long> heads = Cursor.parse(replay.headId());
        Map<Integer, Long> positions = Cursor.parse(sent);
        if (heads == null) {
            return sent != null ? sent : replay.headId();
        }
        Map<Integer, Long> merged = new TreeMap<>(heads);
        if (positions != null) {
            positions.forEach((partition, stamp) -> merged.merge(partition, stamp, Math::max));
        }
        String id = Cursor.of(merged);
        return positions != null && merged.equals(positions) ? sent : id;
    }

    @Override
    public Map<Integer, Long> heads(Replay replay) {
        Map<Integer, Long> heads = new HashMap<>();
        Map<Integer, Long> positions = Cursor.parse(replay.headId());
        if (positions != null) {
            positions.forEach((partition, stamp) -> heads.put(partition, Stamps.sequence(stamp, partition)));
        }
        return heads;
    }
}
