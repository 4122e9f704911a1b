package dev.herald.request;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;

/**
 * Limits of the stream and publish routes, for every HTTP adapter (the Vert.x routes, the Spring starter).
 *
 * @param bufferLimitBytes the outbound buffer of one stream; a client that falls further behind is dropped
 *                         (option {@code buffer-limit}; at least 1024)
 * @param bodyLimitBytes   the largest request body the publish routes accept (option {@code body-limit}; at least 1)
 * @param maxChannels      the most channels one stream may name (option {@code max-channels}; at least 1)
 * @throws InvalidOptionException when a value is out of range
 */
public record SseRoutesOptions(int bufferLimitBytes, int bodyLimitBytes, int maxChannels) {

    public SseRoutesOptions {
        OptionChecks.atLeast("buffer-limit", bufferLimitBytes, 1024, "bytes");
        OptionChecks.atLeast("body-limit", bodyLimitBytes, 1, "byte");
        OptionChecks.atLeast("max-channels", maxChannels, 1, "channel");
    }

    /** 256 KiB per stream, 64 KiB per request body, 64 channels per stream. */
    public static SseRoutesOptions defaults() {
        return new SseRoutesOptions(256 * 1024, 64 * 1024, 64);
    }
}
