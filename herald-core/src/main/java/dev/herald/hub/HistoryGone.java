package dev.herald.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event that tells a client its {@code Last-Event-ID} is older than history (or unknown), so some events
 * may be lost; what history still holds follows it. Type {@value #TYPE}, data
 * {@code {"lastEventId": "...", "channels": [...]}}, no id. On a live stream it tells a broker
 * {@link dev.herald.broker.Gap gap} (the node may have missed events, see {@link dev.herald.broker.Broker}, "Outages"):
 * {@code lastEventId} is then {@code null}, the gap being after the last event the stream sent, and the gap's id
 * follows in a frame of its own.
 */
public final class HistoryGone {

    /** The event type a client listens for to learn that it may have missed events. */
    public static final String TYPE = "history-gone";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryGone() {
    }

    static byte[] frame(String lastEventId, Set<String> channels) {
        try {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("lastEventId", lastEventId);
            fields.put("channels", new TreeSet<>(channels));
            String data = JSON.writeValueAsString(fields);
            return SseEncoder.encode(SseEvent.of(TYPE, data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
