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

    /** A partition's newest stamp and the first stamp of its data set; both 0 when it holds nothing. */
    record Head(long stamp, long origin) {
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

    PartitionHistory(Commands commands, Stamps stamps) {
        this.commands = commands;
        this.stamps = stamps;
    }

    /** The heads of the partitions the subscriptions reach (every partition for a pattern). */
    Future<Heads> heads(Set<String> subscriptions) {
        long newestBefore = stamps.newest();
        List<Integer> partitions = new ArrayList<>(partitionsOf(subscriptions));
        List<Future<Response>> reads = partitions.stream().map(p -> commands.send(PartitionKeys.head(p))).toList();
        return Future.all(reads).map(all -> {
            Map<Integer, Head> heads = new TreeMap<>();
            for (int i = 0; i < partitions.size(); i++) {
                Response reply = reads.get(i).result();
                heads.put(partitions.get(i), new Head(longOf(reply.get(0)), longOf(reply.get(1))));
            }
            return new Heads(heads, newestBefore);
        });
    }

    /** A partition's newest stamp, 0 when it holds nothing. */
    Future<Long> headStamp(int partition) {
        return commands.send(PartitionKeys.head(partition)).map(reply -> longOf(reply.get(0)));
    }

    /** The replay of {@link dev.herald.broker.Broker#replay}: read up to the heads, so that the two agree. */
    Future<Replay> replay(Set<String> subscriptions, String lastEventId) {
        return heads(subscriptions).compose(heads -> {
            if (lastEventId == null) {
                return Future.succeededFuture(new Replay(List.of(), false, heads.sequence(), heads.id()));
            }
            return matched(subscriptions).compose(channels -> positionsOf(lastEventId, channels)
                    .compose(positions -> read(channels, heads, positions)));
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
     * The events of the channels after each partition's position up to its head, merged by sequence. A partition the
     * id does not name is read after the id's newest stamp (a time cut: exact for events one node published one after
     * another, see {@link Stamps}). History is gone when an id is unknown, names a position past its partition's
     * head or before its data set's origin, or when a channel was trimmed past the position.
     */
    Future<Replay> read(Set<String> channels, Heads heads, Map<Integer, Long> positions) {
        boolean unknown = positions == null;
        Map<Integer, Long> named = unknown ? Map.of() : positions;
        long cut = named.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Map<Integer, Long> after = new HashMap<>();
        boolean gone = unknown;
        for (Map.Entry<Integer, Head> entry : heads.byPartition().entrySet()) {
            Head head = entry.getValue();
            Long position = named.get(entry.getKey());
            long from = position != null ? position : cut;
            boolean lost = position != null && position > 0 && (position > head.stamp() || position < head.origin());
            gone |= lost;
            after.put(entry.getKey(), unknown || lost ? 0 : from);
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
        boolean goneBefore = gone;
        return Future.all(Future.all(ranges), Future.all(marks)).map(all -> {
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                for (Response entry : ranges.get(i).result()) {
                    events.add(eventOf(names.get(i), entry));
                }
            }
            events.sort(Comparator.comparingLong(StoredEvent::sequence));
            boolean trimmed = false;
            for (int i = 0; i < marks.size(); i++) {
                long from = after.get(markPartitions.get(i));
                for (Response mark : marks.get(i).result()) {
                    trimmed |= mark != null && mark.toLong() > from;
                }
            }
            return new Replay(events, goneBefore || trimmed, heads.sequence(), heads.id());
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
