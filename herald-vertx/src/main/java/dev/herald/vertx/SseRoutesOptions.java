package dev.herald.vertx;

/**
 * Limits of the stream and publish routes.
 *
 * @param bufferLimitBytes  the outbound buffer of one stream; a client that falls further behind is dropped
 * @param bodyLimitBytes    the largest request body accepted by the publish route
 * @param maxChannels       the most channels one stream may name
 */
public record SseRoutesOptions(int bufferLimitBytes, long bodyLimitBytes, int maxChannels) {

    public SseRoutesOptions {
        if (bufferLimitBytes < 1024) {
            throw new IllegalArgumentException("buffer limit must be at least 1024 bytes, got " + bufferLimitBytes);
        }
        if (bodyLimitBytes < 1) {
            throw new IllegalArgumentException("body limit must be at least one byte, got " + bodyLimitBytes);
        }
        if (maxChannels < 1) {
            throw new IllegalArgumentException("a stream must be allowed at least one channel, got " + maxChannels);
        }
    }

    /** 256 KiB per stream, 64 KiB per request body, 64 channels per stream. */
    public static SseRoutesOptions defaults() {
        return new SseRoutesOptions(256 * 1024, 64 * 1024, 64);
    }
}
