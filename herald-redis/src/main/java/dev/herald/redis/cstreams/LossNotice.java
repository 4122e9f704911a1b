package dev.herald.redis.cstreams;

/**
 * A partition's loss, as {@code lost.lua} announces it on the partition's live channel: {@code "lost <stamp>"}. The
 * partition lost stamps up to {@code stamp} (which ones is not known): a node that delivered less of the partition
 * tells its listeners a gap there.
 *
 * @param stamp the newest stamp lost
 */
record LossNotice(long stamp) {

    private static final String PREFIX = "lost ";

    /** The notice a live message carries, or {@code null} when the message is not one. */
    static LossNotice parse(String message) {
        if (!message.startsWith(PREFIX)) {
            return null;
        }
        try {
            return new LossNotice(Long.parseLong(message.substring(PREFIX.length())));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
