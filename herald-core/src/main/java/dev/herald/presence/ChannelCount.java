package dev.herald.presence;

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

    boolean isEmpty() {
        return streams <= 0;
    }
}
