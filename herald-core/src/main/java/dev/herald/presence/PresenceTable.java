package dev.herald.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The streams of every node, by channel: this node's own, counted as its streams open and close, and the other nodes'
 * as their last {@link PresenceMessage}s said, each node forgotten when nothing came from it for the ttl. Not
 * thread-safe: {@link Presence} holds its lock around every call.
 */
final class PresenceTable {

    /** Another node: what it said last, and when that came (by {@link System#nanoTime()}). */
    private static final class Remote {
        final Map<String, ChannelCount> channels = new HashMap<>();
        long heardNanos;
    }

    /** This node's streams on a channel, changed in place: an open or a close costs O(1), whatever the channel's size. */
    private static final class LocalCount {
        final Map<String, Integer> subjects = new HashMap<>();
        int streams;

        ChannelCount snapshot() {
            return new ChannelCount(streams, subjects);
        }
    }

    private final Map<String, LocalCount> local = new HashMap<>();
    private final Map<String, Remote> remote = new HashMap<>();
    /** Channels whose local count changed since {@link #takeChanged}. */
    private final Set<String> changed = new HashSet<>();

    /** One stream more ({@code delta} 1) or less (-1) of {@code subject} (null: none) on {@code channel} here. */
    void count(String channel, String subject, int delta) {
        LocalCount count = local.computeIfAbsent(channel, c -> new LocalCount());
        count.streams += delta;
        if (subject != null && count.subjects.merge(subject, delta, Integer::sum) <= 0) {
            count.subjects.remove(subject);
        }
        if (count.streams <= 0) {
            local.remove(channel);
        }
        changed.add(channel);
    }

    /** Every node's streams of {@code subject} on {@code channel}: O(nodes). */
    int streamsOf(String channel, String subject) {
        LocalCount own = local.get(channel);
        int streams = own == null ? 0 : own.subjects.getOrDefault(subject, 0);
        for (Remote node : remote.values()) {
            ChannelCount theirs = node.channels.get(channel);
            if (theirs != null) {
                streams += theirs.subjects().getOrDefault(subject, 0);
            }
        }
        return streams;
    }

    /** What to tell the others: every local channel when {@code full}, else those changed since the last call. */
    Map<String, ChannelCount> takeChanged(boolean full) {
        Map<String, ChannelCount> told = new HashMap<>();
        if (full) {
            local.forEach((channel, count) -> told.put(channel, count.snapshot()));
        } else {
            changed.forEach(channel -> {
                LocalCount count = local.get(channel);
                told.put(channel, count == null ? ChannelCount.NONE : count.snapshot());
            });
        }
        changed.clear();
        return told;
    }

    /**
     * Takes in what another node said, received at {@code nowNanos}; returns the channels whose counts it changed
     * (added to {@code touched}), and whether the node was unknown until now.
     */
    boolean apply(PresenceMessage message, long nowNanos, Set<String> touched) {
        Remote node = remote.get(message.node());
        boolean unknown = node == null;
        if (unknown) {
            node = new Remote();
            remote.put(message.node(), node);
        }
        node.heardNanos = nowNanos;
        if (message.full()) {
            touched.addAll(node.channels.keySet());
            node.channels.clear();
        }
        for (Map.Entry<String, ChannelCount> channel : message.channels().entrySet()) {
            touched.add(channel.getKey());
            if (channel.getValue().isEmpty()) {
                node.channels.remove(channel.getKey());
            } else {
                node.channels.put(channel.getKey(), channel.getValue());
            }
        }
        return unknown;
    }

    /** Forgets the nodes not heard from since {@code oldestNanos}; adds the channels they had to {@code touched}. */
    void expire(long oldestNanos, Set<String> touched) {
        remote.values().removeIf(node -> {
            if (node.heardNanos - oldestNanos < 0) {
                touched.addAll(node.channels.keySet());
                return true;
            }
            return false;
        });
    }

    /** Every node's streams on {@code channel}, and each subject's, subjects in order. */
    ChannelCount total(String channel) {
        int streams = 0;
        Map<String, Integer> subjects = new TreeMap<>();
        for (ChannelCount count : counts(channel)) {
            streams += count.streams();
            count.subjects().forEach((subject, n) -> subjects.merge(subject, n, Integer::sum));
        }
        return new ChannelCount(streams, subjects);
    }

    /** Channels with streams on any node. */
    int channels() {
        Set<String> all = new HashSet<>(local.keySet());
        remote.values().forEach(node -> all.addAll(node.channels.keySet()));
        return all.size();
    }

    /** Distinct subjects with a stream on any channel of any node. */
    int subjects() {
        Set<String> all = new HashSet<>();
        local.values().forEach(count -> all.addAll(count.subjects.keySet()));
        remote.values().forEach(node -> node.channels.values().forEach(count -> all.addAll(count.subjects().keySet())));
        return all.size();
    }

    /** How many other nodes are known. */
    int otherNodes() {
        return remote.size();
    }

    private Iterable<ChannelCount> counts(String channel) {
        List<ChannelCount> counts = new ArrayList<>(remote.size() + 1);
        LocalCount own = local.get(channel);
        if (own != null) {
            counts.add(own.snapshot());
        }
        for (Remote node : remote.values()) {
            ChannelCount theirs = node.channels.get(channel);
            if (theirs != null) {
                counts.add(theirs);
            }
        }
        return counts;
    }
}
