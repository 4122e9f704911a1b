package dev.herald.redis.cstreams;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.FlaskSseCodec;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the history the partitions hold: their heads, the events after a cursor up to those heads, the newest events,
 * and the place of a publisher's own id. Every request names keys of one partition. Safe from any thread.
 */
final class PartitionHistory {

    /**
     * A partition's newest stamp, the first stamp of its data set, and the newest stamp it is known to have lost
     * ({@link Losses}); each 0 when absent.
     */
    record Head(long stamp, long origin, long lost) {

        /** The head of a reply to {@link PartitionKeys#head} or {@link PartitionKeys#watch}. */
        static Head of(Response reply) {
            return new Head(longOf(reply.get(0)), longOf(reply.get(1)), longOf(reply.get(2)));
        }

        /**
         * Where history no longer holds what came after {@code position} (a stamp the reader had), or 0 when it does:
         * a position past the head or before the data set's origin is of a data set replaced (the gap after the
         * position, or just before the origin); one before the lost stamp missed what was lost.
         */
        long goneAfter(long position) {
            if (position <= 0) {
                return 0;
            }
            long gone = replaced(position) ? Math.max(position + 1, origin - 1) : 0;
            if (position < lost) {
                gone = Math.max(gone, lost);
            }
            return gone;
        }

        /** Whether a position (a stamp the reader had) is of another data set: past the head, or before the origin. */
        boolean replaced(long position) {
            return position > 0 && (position > stamp || position < origin - 1);
        }

        /**
         * Whether this is another data set than the one a node at {@code position} watched: {@code seenOrigin} is the
         * origin it saw then (a loss recorded may move the origin earlier, {@code lost.lua}; a data set replaced starts
         * later, or is empty), 0 when it saw none (its first read of the partition failed). Without one seen, only an
         * empty partition or an origin after the position says so: a head below the position with the origin at or
         * before it is the same data set gone back (a failover to a replica that lacked the newest events), whose gap
         * is at the newest stamp known to have existed, not one past the position (a stamp that never existed: a
         * resume from the newest lost event would be told history-gone for nothing).
         */
        boolean replacedSince(long seenOrigin, long position) {
            if (seenOrigin != 0) {
                return origin == 0 || origin > seenOrigin;
            }
            return origin == 0 ? replaced(position) : position > 0 && position < origin - 1;
        }
    }

    /**
     * What {@link #read} found: the events, and per partition where history is gone (the stamp a gap is placed at:
     * events up to it that were not read are lost), none when it holds everything after the positions; of that, where
     * a channel's stream was trimmed past the position ({@code trimmedAt}, the newest trimmed stamp).
     */
    record Read(List<StoredEvent> events, Map<Integer, Long> goneAt, Map<Integer, Long> trimmedAt, boolean unknown,
            Heads heads) {

        Replay replay() {
            return new Replay(events, unknown || !goneAt.isEmpty(), heads.sequence(), heads.id());
        }
    }

    /** The heads of the partitions read, and the newest sequence this node had seen before reading them. */
    record Heads(Map<Integer, Head> byPartition, long newestBefore) {

        /** The cursor naming every partition read at its head. */
        String id() {
            Map<Integer, Long> positions = new TreeMap<>();
            byPartition.forEach((p, head) -> positions.put(p, head.stamp()));
            return Cursor.of(positions);
        }

        /** The newest sequence among the heads and those seen before: the broker's head as this node knows it. */
        long sequence() {
            long newest = newestBefore;
            for (Map.Entry<Integer, Head> head : byPartition.entrySet()) {
                newest = Math.max(newest, Stamps.sequence(head.getValue().stamp(), head.getKey()));
            }
            return newest;
        }
    }

    private final Commands commands;
    private final Stamps stamps;
    private final Losses losses;

    PartitionHistory(Commands commands, Stamps stamps, Losses losses) {
        this.commands = commands;
        this.stamps = stamps;
        this.losses = losses;
    }

    /** The heads of the partitions the subscriptions reach (every partition for a pattern). */
    Future<Heads> heads(Set<String> subscriptions) {
        long newestBefore = stamps.newest();
        List<Integer> partitions = new ArrayList<>(partitionsOf(subscriptions));
        List<Future<Response>> reads = partitions.stream().map(p -> commands.send(PartitionKeys.head(p))).toList();
        return Future.all(reads).map(all -> {
            Map<Integer, Head> heads = new TreeMap<>();
            for (int i = 0; i < partitions.size(); i++) {
                Head head = Head.of(reads.get(i).result());
                heads.put(partitions.get(i), head);
                losses.known(partitions.get(i), head.stamp());
            }
            return new Heads(heads, newestBefore);
        });
    }

    /** Starts watching a partition ({@link PartitionKeys#watch}: it gets an origin if it had none); replies its head. */
    Future<Head> watch(int partition) {
        return commands.run(PartitionKeys.watch(partition, stamps.candidate())).map(reply -> {
            Head head = Head.of(reply);
            losses.known(partition, head.stamp());
            return head;
        });
    }

    /** The replay of {@link dev.herald.broker.Broker#replay}: read up to the heads, so that the two agree. */
    Future<Replay> replay(Set<String> subscriptions, String lastEventId) {
        return heads(subscriptions).compose(heads -> {
            if (lastEventId == null) {
                return Future.succeededFuture(new Replay(List.of(), false, heads.sequence(), heads.id()));
            }
            return matched(subscriptions).compose(channels -> positionsOf(lastEventId, channels)
                    .compose(positions -> read(channels, heads, positions)).map(Read::replay));
        });
    }

    /** The newest {@code count} events of the channels up to the heads: per channel its newest, merged. */
    Future<Replay> latest(Set<String> subscriptions, int count) {
        return heads(subscriptions).compose(heads -> {
            if (count == 0) {
                return Future.succeededFuture(new Replay(List.of(), false, heads.sequence(), heads.id()));
            }
            return matched(subscriptions).compose(channels -> {
                List<String> names = new ArrayList<>(channels);
                List<Future<Response>> ranges = names.stream().map(channel -> commands.send(PartitionKeys.newestUpTo(
                        channel, heads.byPartition().get(Partitions.of(channel)).stamp(), count))).toList();
                return Future.all(ranges).map(all -> {
                    List<StoredEvent> events = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        for (Response entry : ranges.get(i).result()) {
                            events.add(eventOf(names.get(i), entry));
                        }
                    }
                    return Replay.latest(events, count, heads.sequence(), heads.id());
                });
            });
        });
    }

    /** The channels the subscriptions name, each pattern replaced by the channels of the partitions' name sets it matches. */
    Future<Set<String>> matched(Set<String> subscriptions) {
        if (subscriptions.stream().noneMatch(ChannelNames::isPattern)) {
            return Future.succeededFuture(subscriptions);
        }
        List<Future<Response>> names = new ArrayList<>();
        for (int p = 0; p < Partitions.COUNT; p++) {
            names.add(commands.send(PartitionKeys.channelNames(p)));
        }
        return Future.all(names).map(all -> {
            Set<String> channels = new TreeSet<>();
            for (String subscription : subscriptions) {
                if (!ChannelNames.isPattern(subscription)) {
                    channels.add(subscription);
                    continue;
                }
                for (Future<Response> partition : names) {
                    for (Response name : partition.result()) {
                        if (ChannelNames.receives(subscription, name.toString())) {
                            channels.add(name.toString());
                        }
                    }
                }
            }
            return channels;
        });
    }

    /**
     * The events of the channels after each partition's position up to its head, merged by sequence, and where history
     * is gone. A partition the id does not name is read after the id's newest stamp (a time cut: exact for events one
     * node published one after another, see {@link Stamps}). History is gone when an id is unknown, names a position
     * history no longer places ({@link Head#goneAfter}), or when a channel was trimmed past the position (then at the
     * newest trimmed stamp).
     */
    Future<Read> read(Set<String> channels, Heads heads, Map<Integer, Long> positions) {
        boolean unknown = positions == null;
        Map<Integer, Long> named = unknown ? Map.of() : positions;
        long cut = named.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Map<Integer, Long> after = new HashMap<>();
        Map<Integer, Long> goneAt = new TreeMap<>();
        for (Map.Entry<Integer, Head> entry : heads.byPartition().entrySet()) {
            Long position = named.get(entry.getKey());
            long gone = position == null ? 0 : entry.getValue().goneAfter(position);
            if (gone > 0) {
                goneAt.put(entry.getKey(), gone);
            }
            boolean replaced = position != null && entry.getValue().replaced(position);
            after.put(entry.getKey(), unknown || replaced ? 0 : position != null ? position : cut);
        }
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        channels.forEach(channel -> byPartition.computeIfAbsent(Partitions.of(channel), p -> new ArrayList<>()).add(channel));
        List<String> names = new ArrayList<>();
        List<Future<Response>> ranges = new ArrayList<>();
        List<Future<Response>> marks = new ArrayList<>();
        List<Integer> markPartitions = new ArrayList<>();
        byPartition.forEach((partition, inPartition) -> {
            long until = heads.byPartition().get(partition).stamp();
            for (String channel : inPartition) {
                names.add(channel);
                ranges.add(commands.send(PartitionKeys.range(channel, after.get(partition), until)));
            }
            marks.add(commands.send(PartitionKeys.trimmedMarks(partition, inPartition)));
            markPartitions.add(partition);
        });
        return Future.all(Future.all(ranges), Future.all(marks)).map(all -> {
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                for (Response entry : ranges.get(i).result()) {
                    events.add(eventOf(names.get(i), entry));
                }
            }
            events.sort(Comparator.comparingLong(StoredEvent::sequence));
            Map<Integer, Long> trimmedAt = new TreeMap<>();
            for (int i = 0; i < marks.size(); i++) {
                int partition = markPartitions.get(i);
                long from = after.get(partition);
                for (Response mark : marks.get(i).result()) {
                    if (mark != null && mark.toLong() > from) {
                        trimmedAt.merge(partition, mark.toLong(), Math::max);
                        goneAt.merge(partition, mark.toLong(), Math::max);
                    }
                }
            }
            return new Read(events, goneAt, trimmedAt, unknown, heads);
        });
    }

    /** The positions an id names; a publisher's own id is looked up in the channels' history, newest first. */
    private Future<Map<Integer, Long>> positionsOf(String id, Set<String> channels) {
        Map<Integer, Long> cursor = Cursor.parse(id);
        if (cursor != null) {
            return Future.succeededFuture(cursor);
        }
        List<String> names = new ArrayList<>(channels);
        List<Future<Response>> ranges = names.stream().map(channel -> commands.send(PartitionKeys.newestFirst(channel))).toList();
        return Future.all(ranges).map(all -> {
            StoredEvent found = null;
            for (int i = 0; i < names.size(); i++) {
                for (Response entry : ranges.get(i).result()) {
                    StoredEvent event = eventOf(names.get(i), entry);
                    if (id.equals(event.event().id())) {
                        found = found == null || event.sequence() > found.sequence() ? event : found;
                        break;
                    }
                }
            }
            return found == null ? null
                    : Map.of(Stamps.partition(found.sequence()), Stamps.stampOf(found.sequence()));
        });
    }

    /** The partitions of the subscriptions: a pattern may match a channel of any. */
    static Set<Integer> partitionsOf(Set<String> subscriptions) {
        Set<Integer> partitions = new TreeSet<>();
        for (String subscription : subscriptions) {
            if (ChannelNames.isPattern(subscription)) {
                for (int p = 0; p < Partitions.COUNT; p++) {
                    partitions.add(p);
                }
                return partitions;
            }
            partitions.add(Partitions.of(subscription));
        }
        return partitions;
    }

    /** A stream entry: {@code [<stamp>-0, [e, <json>]]}. */
    private StoredEvent eventOf(String channel, Response entry) {
        long stamp = PartitionKeys.stampOfEntry(entry.get(0).toString());
        return Announced.stored(channel, stamp, FlaskSseCodec.decode(entry.get(1).get(1).toString()));
    }

    private static long longOf(Response value) {
        return value == null ? 0 : value.toLong();
    }
}
