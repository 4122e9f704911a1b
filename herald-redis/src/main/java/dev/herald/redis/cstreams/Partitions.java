package dev.herald.redis.cstreams;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The {@value #COUNT} partitions channels are spread over, and the hash tag that puts each partition's keys in one
 * Redis Cluster slot. A channel's partition is the CRC-32 of its name modulo {@value #COUNT}, the same on every node.
 *
 * <p>Why {@value #COUNT}: a publish touches one partition, so {@value #COUNT} partitions spread the work over up to
 * {@value #COUNT} masters; a stream's cursor names at most one position per partition, so {@value #COUNT} keeps the
 * longest cursor at {@value #COUNT} × {@value Cursor#MAX_ENTRY_LENGTH} characters, within
 * {@link dev.herald.broker.HeraldId#MAX_LENGTH}. The count is fixed, not an option: a node that counted otherwise would
 * read every channel's history in the wrong keys; {@link PartitionKeys#COUNT_KEY} records it and a node of another count
 * refuses to start.
 *
 * <p>The tags are chosen so that partition {@code p}'s slot ({@code CRC16(tag) mod 16384}, as Redis computes it) lies
 * in the {@code p}-th sixteenth of the slot range: a cluster created with its slots in even ranges
 * ({@code redis-cli --cluster create}) holds the partitions in equal shares, 6/5/5 on three masters.
 */
final class Partitions {

    /** How many partitions there are. */
    static final int COUNT = 16;

    private static final int SLOTS = 16384;
    private static final String[] TAGS = new String[COUNT];

    static {
        for (int p = 0; p < COUNT; p++) {
            TAGS[p] = tagInSlotRange(p);
        }
    }

    private Partitions() {
    }

    /** The partition of a channel, from 0 to {@value #COUNT} − 1. */
    static int of(String channel) {
        CRC32 crc = new CRC32();
        crc.update(channel.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % COUNT);
    }

    /** The hash tag of a partition's keys, braces included: {@code {h<p>.<n>}}. */
    static String tag(int partition) {
        return TAGS[partition];
    }

    /** The Redis Cluster slot of a key's hash tag text (the part inside the braces). */
    static int slot(String tagText) {
        return crc16(tagText.getBytes(StandardCharsets.UTF_8)) % SLOTS;
    }

    private static String tagInSlotRange(int partition) {
        int low = partition * SLOTS / COUNT;
        int high = (partition + 1) * SLOTS / COUNT;
        for (int n = 0; ; n++) {
            String text = "h" + partition + "." + n;
            int slot = slot(text);
            if (slot >= low && slot < high) {
                return "{" + text + "}";
            }
        }
    }

    /** CRC-16/XMODEM, the checksum Redis Cluster hashes keys with. */
    private static int crc16(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }
}
