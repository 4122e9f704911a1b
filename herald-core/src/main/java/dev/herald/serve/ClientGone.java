package dev.herald.serve;

/** The client left before its request was served ({@link ServerRequest#clientGone()}): nothing to answer. */
public record ClientGone() implements StreamOutcome, PollOutcome {

    @Override
    public <R> R render(StreamOutcome.Renderer<R> renderer) {
        return renderer.clientGone();
    }

    @Override
    public <R> R render(PollOutcome.Renderer<R> renderer) {
        return renderer.clientGone();
    }
}
