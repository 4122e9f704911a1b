package dev.herald.redis.cstreams;

import java.util.Map;
import java.util.TreeMap;

/**
 * The ids of the partitioned Streams broker: a position per partition, {@code ~<partition><stamp>} each, the partition
 * one base-36 digit and the stamp (µs since 1970, see {@link Stamps}) in base 36, lower case; in partition order.
 * An event's own id names its own partition only ({@code ~3lq8x0k2m1}); the cursor of a stream whose channels span
 * several partitions names each ({@code ~3lq8x0k2m1~alq8x0k9zz}), so a client resumes every partition exactly where
 * it was. Base 36 keeps a stamp at 10 characters until the year 2086: the longest cursor, all
 * {@value Partitions#COUNT} partitions, is {@value Partitions#COUNT} × {@value #MAX_ENTRY_LENGTH} = 192 characters,
 * within {@link dev.herald.broker.HeraldId#MAX_LENGTH} and the request limits beside 64 channel names. Publishers may
 * not choose ids of this form ({@link dev.herald.broker.HeraldId#checkPublisherId}).
 */
final class Cursor {

    /** The length of one entry: {@code ~}, the partition, a stamp of up to 10 characters. */
    static final int MAX_ENTRY_LENGTH = 12;

    private Cursor() {
    }

    /** The id of a partition's position. */
    static String of(int partition, long stamp) {
        return "~" + Character.forDigit(partition, 36) + Long.toString(stamp, 36);
    }

    /** The id naming each partition's position, in partition order; empty for none. */
    static String of(Map<Integer, Long> positions) {
        StringBuilder id = new StringBuilder(positions.size() * MAX_ENTRY_LENGTH);
        new TreeMap<>(positions).forEach((partition, stamp) -> id.append(of(partition, stamp)));
        return id.toString();
    }

    /** The positions an id names, partition to stamp; {@code null} when it is not of this form. */
    static Map<Integer, Long> parse(String id) {
        if (id == null || id.length() < 3 || id.charAt(0) != '~') {
            return null;
        }
        Map<Integer, Long> positions = new TreeMap<>();
        for (String entry : id.substring(1).split("~", -1)) {
            if (entry.length() < 2 || entry.length() > MAX_ENTRY_LENGTH) {
                return null;
            }
            int partition = Character.digit(entry.charAt(0), 36);
            if (partition < 0 || partition >= Partitions.COUNT || positions.containsKey(partition)) {
                return null;
            }
            try {
                String stamp = entry.substring(1);
                if (!stamp.equals(stamp.toLowerCase(java.util.Locale.ROOT))) {
                    return null;
                }
                positions.put(partition, Long.parseLong(stamp, 36));
            } catch (NumberFormatException notBase36) {
                return null;
            }
        }
        return positions;
    }
}
