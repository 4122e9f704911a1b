package dev.herald.serve;

import dev.herald.presence.PresenceCount;

/**
 * How a presence request ended, for the adapter to render through a {@link Renderer}: a new case is a compile error in
 * every adapter that does not render it yet.
 */
public sealed interface PresenceOutcome permits Refused, PresenceOutcome.Present {

    /** Calls the renderer's method for this case. */
    <R> R render(Renderer<R> renderer);

    /** One method per case of a presence request's outcome. */
    interface Renderer<R> {
        /** Answer the refusal: its status, headers and JSON body. */
        R refused(Refused refused);

        /** Answer 200 with {@code present.count().json()}. */
        R present(Present present);
    }

    /** The channel's streams and subjects across every node. */
    record Present(PresenceCount count) implements PresenceOutcome {

        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.present(this);
        }
    }
}
