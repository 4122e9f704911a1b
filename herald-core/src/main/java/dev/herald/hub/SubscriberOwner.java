package dev.herald.hub;

import dev.herald.metrics.HeraldMetrics;

/**
 * What a {@link Subscriber} needs from whoever holds it, and nothing more: to let it go, and where to count what it
 * does. Its {@link LoopShard} is its owner; a test may be.
 */
interface SubscriberOwner {

    /** The subscriber ended (it was cancelled, dropped or closed): once, on its loop. */
    void left(Subscriber subscriber);

    /** Where the subscriber counts its frames, its drop, its heartbeats and its resume. */
    HeraldMetrics metrics();

    /**
     * The subscriber flushed (or, ending, discarded) {@code writes} live events its owner had handed it: they leave
     * the owner's backlog. On its loop.
     */
    default void written(int writes) {
    }
}
