package dev.herald.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The last event of a stream whose token expired: type {@value #TYPE}, data {@code {"channels": [...]}} (the private
 * channels the token was needed for, sorted), no id, so the client's last event id stays the last real event's. The
 * stream is closed after it; a client fetches a fresh token and reconnects, resuming without loss.
 */
public final class TokenExpired {

    public static final String TYPE = "token-expired";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenExpired() {
    }

    /** The event's frame, encoded once for the stream it ends. */
    public static byte[] frame(Set<String> channels) {
        try {
            return SseEncoder.encode(SseEvent.of(TYPE, JSON.writeValueAsString(Map.of("channels", new TreeSet<>(channels)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
