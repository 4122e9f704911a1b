package dev.herald.presence;

import java.util.HashMap;
import java.util.Map;

/**
 * One node's streams on one channel: how many, and how many of them each token subject holds (a stream without a
 * subject counts in {@code streams} only). Immutable.
 *
 * @param streams  the streams, with or without a subject
 * @param subjects each subject ({@code sub}) to its streams, each at least 1
 */
record ChannelCount(int streams, Map<String, Integer> subjects) {

    static final ChannelCount NONE = new ChannelCount(0, Map.of());

    ChannelCount {
        subjects = Map.copyOf(subjects);
    }

    /** This count with one stream more ({@code delta} 1) or less (-1), of {@code subject} (or none: null). */
    ChannelCount plus(String subject, int delta) {
        if (subject == null) {
            return new ChannelCount(streams + delta, subjects);
        }
        Map<String, Integer> changed = new HashMap<>(subjects);
        if (changed.merge(subject, delta, Integer::sum) <= 0) {
            changed.remove(subject);
        }
        return new ChannelCount(streams + delta, changed);
    }

    boolean isEmpty() {
        return streams <= 0;
    }
}
