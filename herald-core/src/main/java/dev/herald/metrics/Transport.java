package dev.herald.metrics;

import java.util.Locale;

/** How a client receives events: the {@code transport} tag of the stream meters. */
public enum Transport {
    /** An event stream ({@code text/event-stream}), held open. */
    STREAM,
    /** A short or long poll ({@code GET .../poll}), answered as JSON. */
    POLL;

    /** The tag value: {@code stream}, {@code poll}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
