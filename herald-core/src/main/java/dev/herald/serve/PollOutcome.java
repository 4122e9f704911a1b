package dev.herald.serve;

/**
 * What {@link PollService#poll} decided, for the adapter to render through a {@link Renderer}: a new case is a compile
 * error in every adapter that does not render it yet.
 */
public sealed interface PollOutcome permits Refused, PollOutcome.Polling, ClientGone {

    /** Calls the renderer's method for this case. */
    <R> R render(Renderer<R> renderer);

    /** One method per case of a poll's outcome. */
    interface Renderer<R> {
        /** Answer the refusal: its status, headers and JSON body (a full node is a 503 with {@code Retry-After}). */
        R refused(Refused refused);

        /** The poll waits for its answer, which comes through its {@link PollResponse}. */
        R polling(Polling polling);

        /** The client left: nothing to answer. */
        R clientGone();
    }

    /**
     * The poll holds a stream's place and answers through its {@link PollResponse} (at once, or when events come or its
     * wait ends); call {@link StreamLease#end()} when the response ends or its connection closes.
     */
    record Polling(StreamLease lease) implements PollOutcome {
        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.polling(this);
        }
    }
}
