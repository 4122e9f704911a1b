package dev.herald.serve;

/**
 * What {@link StreamService#open} decided, for the adapter to render through a {@link Renderer}: a new case is a new
 * method there, so a compile error in every adapter that does not render it yet.
 */
public sealed interface StreamOutcome permits Refused, StreamOutcome.Shed, StreamOutcome.Opened, ClientGone {

    /** Calls the renderer's method for this case. */
    <R> R render(Renderer<R> renderer);

    /** One method per case of a stream's outcome. */
    interface Renderer<R> {
        /** Answer the refusal: its status, headers and JSON body. */
        R refused(Refused refused);

        /** Answer the shed stream (see {@link Shed}). */
        R shed(Shed shed);

        /** The stream is open on the adapter's sink; end the lease when the response ends. */
        R opened(Opened opened);

        /** The client left: nothing to answer. */
        R clientGone();
    }

    /**
     * The node holds all the streams it may: answer 200 with {@link SseResponse#HEADERS} and this one frame (a
     * {@code retry} of 5 to 15 seconds), then close the connection (HTTP/1.1: {@code Connection: close}). A browser's
     * {@code EventSource} gives up for good on any other answer; this one brings it back later, and not all at once.
     */
    record Shed(byte[] frame) implements StreamOutcome {
        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.shed(this);
        }
    }

    /**
     * The stream is open on the sink the adapter gave; call {@link StreamLease#end()} when the response ends or its
     * connection closes (more than once is harmless).
     */
    record Opened(StreamLease lease) implements StreamOutcome {
        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.opened(this);
        }
    }
}
