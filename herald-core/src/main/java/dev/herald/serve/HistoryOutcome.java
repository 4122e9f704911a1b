package dev.herald.serve;

import dev.herald.broker.StoredEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a history read ended, for the adapter to render through a {@link Renderer}: a new case is a compile error in
 * every adapter that does not render it yet.
 */
public sealed interface HistoryOutcome permits Refused, HistoryOutcome.Page {

    /** Calls the renderer's method for this case. */
    <R> R render(Renderer<R> renderer);

    /** One method per case. */
    interface Renderer<R> {
        /** Answer the refusal: its status, headers and JSON body. */
        R refused(Refused refused);

        /** Answer 200 with {@link Page#json()} and {@link PollResponse#HEADERS}. */
        R page(Page page);
    }

    /**
     * One page of a channel's history.
     *
     * @param channel     the channel read
     * @param events      newest first
     * @param next        the id to pass as {@code before} for the older events, or {@code null} when history holds
     *                    none older
     * @param historyGone the {@code before} id is not in history (never was, or was trimmed): no page can follow it
     */
    record Page(String channel, List<StoredEvent> events, String next, boolean historyGone) implements HistoryOutcome {

        public Page {
            events = List.copyOf(events);
        }

        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.page(this);
        }

        /** {@code {"channel","events":[{"id","type","data"}...],"next":"<id>"|null,"historyGone":false}}. */
        public Map<String, Object> body() {
            List<Map<String, String>> rendered = new ArrayList<>(events.size());
            for (StoredEvent stored : events) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("id", stored.event().id());
                fields.put("type", stored.event().type() == null ? "message" : stored.event().type());
                fields.put("data", stored.event().data());
                rendered.add(fields);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("channel", channel);
            body.put("events", rendered);
            body.put("next", next);
            body.put("historyGone", historyGone);
            return body;
        }

        /** {@link #body()} encoded in UTF-8. */
        public byte[] json() {
            return Refused.Json.bytes(body());
        }
    }
}
