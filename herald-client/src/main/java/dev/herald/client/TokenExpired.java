package dev.herald.client;

import java.util.List;

/**
 * Herald's signal that a private stream's token expired: the server ends the stream right after it. On the wire it is
 * an event of type {@value #TYPE}, without id (the last event id stays the last real event's), whose data is
 * {@code {"channels":[...]}}: the private channels the token was needed for. The source reconnects with the headers
 * its supplier gives then ({@link EventSource.Builder#headers}), resuming from its last event id.
 *
 * @param channels the private channels the token was needed for, sorted; empty when the data had another shape
 */
public record TokenExpired(List<String> channels) {

    /** The event type Herald sends it under. */
    public static final String TYPE = "token-expired";

    public TokenExpired {
        channels = List.copyOf(channels);
    }

    /** Reads the event's data, with the reader of {@link HistoryGone}'s (one flat object, the same key). */
    static TokenExpired parse(String data) {
        return new TokenExpired(HistoryGone.parse(data, "").channels());
    }
}
