package dev.herald.redis.streams;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.HeraldId;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.redis.RedisCommands;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the history the streams hold: the head, the events after a place up to that head, and the place of a
 * publisher's own id. Safe from any thread; its futures complete on the Redis client's threads.
 */
final class StreamHistory {

    /** The data set's epoch (ms) and latest sequence, as one read saw them. */
    record Head(long epoch, long sequence) {
        String id() {
            return new HeraldId(epoch, sequence).toString();
        }

        long order() {
            return StreamOrder.pack(epoch, sequence);
        }
    }

    /** Events read from streams, in order, and whether any channel was trimmed past the place read after. */
    record Read(List<StoredEvent> events, boolean trimmedPastAfter) {
    }

    private final RedisCommands commands;
    private final Epochs epochs;

    StreamHistory(RedisCommands commands, Epochs epochs) {
        this.commands = commands;
        this.epochs = epochs;
    }

    /** The head, creating the data set's epoch if Redis has none. */
    Future<Head> head() {
        return commands.run(StreamKeys.head(epochs.candidate()))
                .map(reply -> new Head(epochs.seen(reply.get(0).toLong()), reply.get(1).toLong()));
    }

    /** The replay of {@link dev.herald.broker.Broker#replay}: read up to the head, so that the two agree. */
    Future<Replay> replay(Set<String> subscriptions, String lastEventId) {
        return head().compose(head -> {
            if (lastEventId == null) {
                return Future.succeededFuture(new Replay(List.of(), false, head.order(), head.id()));
            }
            return matched(subscriptions).compose(channels -> sequenceOf(lastEventId, head, channels)
                    .compose(after -> read(channels, head.epoch(), after < 0 ? 0 : after, head.sequence())
                            .map(read -> new Replay(read.events(), after < 0 || read.trimmedPastAfter(),
                                    head.order(), head.id()))));
        });
    }

    /**
     * The channels the subscriptions name, each pattern replaced by the channels of {@link StreamKeys#CHANNELS} it
     * matches (read after the head, so every channel published on up to the head is there); the same set when none
     * is a pattern.
     */
    Future<Set<String>> matched(Set<String> subscriptions) {
        if (subscriptions.stream().noneMatch(ChannelNames::isPattern)) {
            return Future.succeededFuture(subscriptions);
        }
        return commands.send(StreamKeys.channelNames()).map(names -> {
            Set<String> channels = new LinkedHashSet<>();
            for (String subscription : subscriptions) {
                if (!ChannelNames.isPattern(subscription)) {
                    channels.add(subscription);
                    continue;
                }
                for (Response name : names) {
                    if (ChannelNames.receives(subscription, name.toString())) {
                        channels.add(name.toString());
                    }
                }
            }
            return channels;
        });
    }

    /**
     * The {@link dev.herald.broker.Broker#latest} of the streams: {@code XREVRANGE ... COUNT n} per channel up to the
     * head, merged by sequence, the newest {@code n} kept.
     */
    Future<Replay> latest(Set<String> subscriptions, int count) {
        return head().compose(head -> {
            if (count == 0 || head.sequence() == 0) {
                return Future.succeededFuture(new Replay(List.of(), false, head.order(), head.id()));
            }
            return matched(subscriptions).compose(channels -> latest(channels, count, head));
        });
    }

    private Future<Replay> latest(Set<String> channels, int count, Head head) {
        List<String> names = new ArrayList<>(channels);
        List<Future<Response>> ranges = names.stream()
                .map(channel -> commands.send(StreamKeys.newestUpTo(channel, head.sequence(), count)))
                .toList();
        return Future.all(ranges).map(all -> {
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                for (Response entry : ranges.get(i).result()) {
                    events.add(entryOf(names.get(i), head.epoch(), entry).decoded());
                }
            }
            return Replay.latest(events, count, head.order(), head.id());
        });
    }

    /**
     * The events after sequence {@code after} up to {@code until} (a head read before, so that the read and the
     * head agree) on the channels, in order, and whether any channel was trimmed past {@code after}.
     */
    Future<Read> read(Set<String> channels, long epoch, long after, long until) {
        if (channels.isEmpty()) {
            return Future.succeededFuture(new Read(List.of(), false)); // a pattern that matches no channel yet
        }
        List<Future<Response>> ranges = new ArrayList<>();
        for (String channel : channels) {
            ranges.add(commands.send(StreamKeys.range(channel, after, until)));
        }
        Future<Response> trimmed = commands.send(StreamKeys.trimmedMarks(channels));
        return Future.all(Future.all(ranges), trimmed).map(all -> {
            List<StoredEvent> events = new ArrayList<>();
            int i = 0;
            for (String channel : channels) {
                for (Response entry : ranges.get(i++).result()) {
                    events.add(entryOf(channel, epoch, entry).decoded());
                }
            }
            events.sort(Comparator.comparingLong(StoredEvent::sequence));
            boolean trimmedPastAfter = false;
            for (Response mark : trimmed.result()) {
                trimmedPastAfter |= mark != null && mark.toLong() > after;
            }
            return new Read(events, trimmedPastAfter);
        });
    }

    /** The sequence an id stands for in the head's data set, or -1 when it cannot be placed. */
    private Future<Long> sequenceOf(String id, Head head, Set<String> channels) {
        HeraldId own = HeraldId.parse(id);
        if (own != null) {
            return Future.succeededFuture(own.sequenceIn(head.epoch(), head.sequence()));
        }
        // A publisher's own id: look for it in the retained history of the stream's channels, newest first.
        List<String> names = new ArrayList<>(channels);
        List<Future<Response>> ranges = names.stream()
                .map(channel -> commands.send(StreamKeys.newestFirst(channel)))
                .toList();
        return Future.all(ranges).map(all -> {
            long found = -1;
            for (int i = 0; i < names.size(); i++) {
                for (Response entry : ranges.get(i).result()) {
                    Announcement a = entryOf(names.get(i), head.epoch(), entry);
                    if (id.equals(FlaskSseCodec.decode(a.json()).id())) {
                        found = Math.max(found, a.sequence());
                        break;
                    }
                }
            }
            return found;
        });
    }

    /** A stream entry: {@code [<sequence>-0, [e, <json>]]}. */
    private static Announcement entryOf(String channel, long epoch, Response entry) {
        long sequence = StreamKeys.sequenceOfEntry(entry.get(0).toString());
        return new Announcement(channel, epoch, sequence, entry.get(1).get(1).toString());
    }
}
