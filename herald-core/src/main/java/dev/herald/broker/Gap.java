package dev.herald.broker;

/**
 * A stretch of a broker's order that this node may have missed: its backend lost messages for a while (a relay's
 * connection dropped and came back, Redis lost its data, a catch-up found history trimmed past what was delivered).
 * It takes a place in the order, as an event does: every event delivered before it has a smaller sequence, every one
 * after a larger; a replay from before it says {@link Replay#historyGone() history gone}, a replay from
 * {@link #resumeId()} does not.
 *
 * @param sequence its place in the broker's order ({@link StoredEvent#sequence()}'s scale)
 * @param resumeId an id that stands for {@code sequence}: a client told of the gap resumes from it without being told
 *                 again
 */
public record Gap(long sequence, String resumeId) {

    public Gap {
        if (resumeId == null || resumeId.isEmpty()) {
            throw new IllegalArgumentException("a gap needs the id a client resumes from after it");
        }
    }
}
