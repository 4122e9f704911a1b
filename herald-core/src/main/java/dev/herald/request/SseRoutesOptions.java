package dev.herald.request;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Check;
import dev.herald.options.Option;

/**
 * Limits of the stream and publish routes, for every HTTP adapter (the Vert.x routes, the Spring starter).
 *
 * <p>The constructor throws {@link InvalidOptionException} when a value is out of range.
 *
 * @param bufferLimitBytes {@link #BUFFER_LIMIT}
 * @param bodyLimitBytes   {@link #BODY_LIMIT}
 * @param maxChannels      {@link #MAX_CHANNELS}
 */
public record SseRoutesOptions(int bufferLimitBytes, int bodyLimitBytes, int maxChannels) {

    public static final Option<Integer> BUFFER_LIMIT = Option.of("buffer-limit", Integer.class).defaultsTo(256 * 1024)
            .unit(Option.BYTES).check(Check.atLeast(1024, "bytes"))
            .description("Outbound buffer per stream; a client further behind is dropped and resumes by Last-Event-ID");

    public static final Option<Integer> BODY_LIMIT = Option.of("body-limit", Integer.class).defaultsTo(64 * 1024)
            .unit(Option.BYTES).check(Check.atLeast(1, "byte"))
            .description("Largest request body the publish routes accept (413 beyond)");

    public static final Option<Integer> MAX_CHANNELS = Option.of("max-channels", Integer.class).defaultsTo(64)
            .unit("channels").check(Check.atLeast(1, "channel"))
            .description("The most channels one stream may name");

    /**
     * Where an application mounts the routes, as flask-sse's {@code url_prefix}; an embedding application says it by
     * where it mounts the router, the Spring starter by this option.
     */
    public static final Option<String> PREFIX = Option.of("prefix", String.class).defaultsTo("")
            .check((option, prefix) -> {
                if (prefix == null) {
                    return "";
                }
                if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
                    throw new InvalidOptionException(option, "must be empty or start with \"/\" and not end with one, got \""
                            + prefix + "\"");
                }
                return prefix;
            })
            .description("Where the endpoints are mounted ({prefix}/stream, {prefix}/poll, {prefix}/publish): empty, or a path that "
                    + "starts with \"/\" and does not end with one");

    public SseRoutesOptions {
        BUFFER_LIMIT.check(bufferLimitBytes);
        BODY_LIMIT.check(bodyLimitBytes);
        MAX_CHANNELS.check(maxChannels);
    }

    /** 256 KiB per stream, 64 KiB per request body, 64 channels per stream. */
    public static SseRoutesOptions defaults() {
        return new SseRoutesOptions(BUFFER_LIMIT.defaultValue(), BODY_LIMIT.defaultValue(), MAX_CHANNELS.defaultValue());
    }

    public SseRoutesOptions withBufferLimitBytes(int newBufferLimitBytes) {
        return new SseRoutesOptions(newBufferLimitBytes, bodyLimitBytes, maxChannels);
    }
}
