package dev.herald.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a publish ended, for the adapter to render through a {@link Renderer}: a new case is a compile error in every
 * adapter that does not render it yet.
 */
public sealed interface PublishOutcome permits Refused, PublishOutcome.Published {

    /** Calls the renderer's method for this case. */
    <R> R render(Renderer<R> renderer);

    /** One method per case of a publish's outcome. */
    interface Renderer<R> {
        /** Answer the refusal: its status, headers and JSON body. */
        R refused(Refused refused);

        /** Answer 200 with {@link Published#body()}. */
        R published(Published published);
    }

    /** The broker took the event, under {@code id}. */
    record Published(String id) implements PublishOutcome {

        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.published(this);
        }

        /** {@code {"status":"success","id":"..."}}. */
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "success");
            body.put("id", id);
            return body;
        }

        /** {@link #body()} encoded in UTF-8. */
        public byte[] json() {
            return Refused.Json.bytes(body());
        }
    }
}
