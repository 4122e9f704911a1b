package dev.herald.redis.testing;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster slot of a key or a sharded Pub/Sub channel: CRC16 (XMODEM) of the key, or of its hash tag (the
 * text between the first {@code {} and the next {@code }} when not empty), modulo 16384, as the Redis Cluster
 * specification's "Keys distribution model" gives it. For tests that place channels on chosen shards.
 */
public final class ClusterSlots {

    private ClusterSlots() {
    }

    /** The slot of {@code key}, 0 to 16383. */
    public static int slot(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = bytes.length;
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                start = open + 1;
                end = close;
            }
        }
        return crc16(bytes, start, end) & (RedisClusterProcess.SLOTS - 1);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int crc16(byte[] bytes, int start, int end) {
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }
}
