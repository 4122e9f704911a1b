package dev.herald.redis.streams;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.ChannelListeners;
import dev.herald.broker.HeraldId;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.RedisClients;
import dev.herald.redis.FlaskSseCodec;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps history in Redis Streams, so that any node resumes any client from {@code Last-Event-ID}.
 *
 * <p>Each channel is a stream {@code herald:stream:<channel>} capped by length ({@code MAXLEN ~}). One Lua
 * script ({@code publish.lua}) takes the next number of a single sequence, appends the event to its stream
 * with that number as entry id and announces it on the Pub/Sub channel {@code herald:live:<channel>}, all
 * atomically: so sequence order, stream order and live order are one on every node. Live delivery needs no
 * polling: the node's one subscription connection receives the announcements (which carry the event);
 * streams are read only to replay, and to catch up after the node's subscription was lost.
 *
 * <p>Ids are {@code <epoch>-<sequence>}: the epoch is stored in Redis with the data set, so every node gives
 * the same id, and an id from a data set that Redis has lost is recognised as unknown. History is bounded by
 * length only ({@code --history-age} does not apply). A publish completes when Redis has stored the event.
 */
public final class StreamsBroker implements Broker {

    private static final System.Logger LOG = System.getLogger(StreamsBroker.class.getName());
    private static final String EPOCH = "herald:epoch";
    private static final String SEQUENCE = "herald:seq";
    private static final String TRIMMED = "herald:trimmed";
    private static final String STREAM = "herald:stream:";
    private static final String LIVE = "herald:live:";
    private static final String PUBLISH_SCRIPT = script("publish.lua");
    private static final String HEAD_SCRIPT = script("head.lua");

    private final Redis commands;
    private final RedisChannelSubscriber subscriber;
    private final int maxLength;
    private final ChannelListeners listeners = new ChannelListeners();
    private volatile boolean closed;
    /** The newest epoch this node has seen, in ms; 0 before the first. */
    private final AtomicLong knownEpoch = new AtomicLong();

    // confined to the subscriber's context
    private long lastDelivered;
    private boolean catchingUp;
    private final List<Announcement> held = new ArrayList<>();

    /** An event as announced live or read from a stream. */
    private record Announcement(String channel, long epoch, long sequence, String json) {
        long order() {
            return order(epoch, sequence);
        }

        static long order(long epoch, long sequence) {
            // Epoch seconds in the high half: a later data set sorts after an earlier one, even as its sequence restarts.
            return ((epoch / 1000) << 32) | (sequence & 0xFFFF_FFFFL);
        }
    }

    private StreamsBroker(Vertx vertx, RedisOptions options, int maxLength) {
        this.commands = Redis.createClient(vertx, options);
        this.maxLength = maxLength;
        this.subscriber = new RedisChannelSubscriber(vertx, Redis.createClient(vertx, options),
                new RedisChannelSubscriber.Listener() {
                    @Override
                    public void onMessage(String channel, String message) {
                        announced(channel, message);
                    }

                    @Override
                    public void onLost() {
                        catchingUp = true;
                    }

                    @Override
                    public void onRestored() {
                        catchUp();
                    }
                });
    }

    /** Connects to Redis; fails when it cannot be reached. Each channel keeps about {@code maxLength} events. */
    public static Future<StreamsBroker> connect(Vertx vertx, String redisUrl, int maxLength) {
        StreamsBroker broker = new StreamsBroker(vertx, RedisClients.options(redisUrl), maxLength);
        return broker.subscriber.start().map(started -> broker).onFailure(error -> broker.close());
    }

    @Override
    public CompletionStage<StoredEvent> publish(AdmittedEvent admitted) {
        String channel = admitted.channel();
        SseEvent event = admitted.event();
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the broker is closed"));
        }
        Request eval = Request.cmd(Command.EVAL).arg(PUBLISH_SCRIPT).arg(4)
                .arg(EPOCH).arg(SEQUENCE).arg(STREAM + channel).arg(TRIMMED)
                .arg(LIVE + channel).arg(maxLength).arg(FlaskSseCodec.encode(event)).arg(epochCandidate())
                .arg(channel);
        return commands.send(eval).toCompletionStage().handle((reply, error) -> {
            if (error != null) {
                throw new BrokerUnavailableException("Redis did not store the event: " + error.getMessage(), error);
            }
            long epoch = seen(reply.get(0).toLong());
            long sequence = reply.get(1).toLong();
            return stored(channel, epoch, sequence, event);
        });
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        BrokerSubscription registration = listeners.add(channel, listener);
        return subscriber.subscribe(LIVE + channel).thenApply(ok -> BrokerSubscription.once(() -> {
            registration.cancel();
            subscriber.unsubscribe(LIVE + channel);
        }));
    }

    @Override
    public CompletionStage<Replay> replay(Set<String> channels, String lastEventId) {
        Request head = Request.cmd(Command.EVAL).arg(HEAD_SCRIPT).arg(2).arg(EPOCH).arg(SEQUENCE)
                .arg(epochCandidate());
        return commands.send(head).compose(reply -> {
            long epoch = seen(reply.get(0).toLong());
            long headSequence = reply.get(1).toLong();
            String headId = new HeraldId(epoch, headSequence).toString();
            if (lastEventId == null) {
                return Future.succeededFuture(new Replay(List.of(), false, Announcement.order(epoch, headSequence), headId));
            }
            return sequenceOf(lastEventId, epoch, headSequence, channels)
                    .compose(after -> read(channels, epoch, after < 0 ? 0 : after, headSequence)
                            .map(read -> new Replay(read.events(), after < 0 || read.trimmedPastAfter(),
                                    Announcement.order(epoch, headSequence), headId)));
        }).toCompletionStage().handle((replay, error) -> {
            if (error != null) {
                throw new BrokerUnavailableException("Redis did not answer the replay: " + error.getMessage(), error);
            }
            return replay;
        });
    }

    @Override
    public void close() {
        closed = true;
        subscriber.close();
        commands.close();
    }

    private record Read(List<StoredEvent> events, boolean trimmedPastAfter) {
    }

    /**
     * The events after {@code after} up to {@code until} (the head read before, so that the read and the head
     * agree) on the channels, in order, and whether any channel was trimmed past {@code after}.
     */
    private Future<Read> read(Set<String> channels, long epoch, long after, long until) {
        List<Future<Response>> ranges = new ArrayList<>();
        Request marks = Request.cmd(Command.HMGET).arg(TRIMMED);
        for (String channel : channels) {
            ranges.add(commands.send(Request.cmd(Command.XRANGE).arg(STREAM + channel).arg((after + 1) + "-0").arg(until + "-0")));
            marks.arg(channel);
        }
        Future<Response> trimmed = commands.send(marks);
        return Future.all(Future.all(ranges), trimmed).map(all -> {
            List<StoredEvent> events = new ArrayList<>();
            int i = 0;
            for (String channel : channels) {
                for (Response entry : ranges.get(i++).result()) {
                    Announcement a = entryOf(channel, epoch, entry);
                    events.add(stored(channel, epoch, a.sequence(), FlaskSseCodec.decode(a.json())));
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

    /** The sequence an id stands for in this data set, or -1 when it cannot be placed. */
    private Future<Long> sequenceOf(String id, long epoch, long headSequence, Set<String> channels) {
        HeraldId own = HeraldId.parse(id);
        if (own != null) {
            return Future.succeededFuture(own.sequenceIn(epoch, headSequence));
        }
        // A publisher's own id: look for it in the retained history of the stream's channels, newest first.
        List<String> names = new ArrayList<>(channels);
        List<Future<Response>> ranges = names.stream()
                .map(channel -> commands.send(Request.cmd(Command.XREVRANGE).arg(STREAM + channel).arg("+").arg("-")))
                .toList();
        return Future.all(ranges).map(all -> {
            long found = -1;
            for (int i = 0; i < names.size(); i++) {
                for (Response entry : ranges.get(i).result()) {
                    Announcement a = entryOf(names.get(i), epoch, entry);
                    if (id.equals(FlaskSseCodec.decode(a.json()).id())) {
                        found = Math.max(found, a.sequence());
                        break;
                    }
                }
            }
            return found;
        });
    }

    /** On the subscriber's context. */
    private void announced(String liveChannel, String message) {
        Announcement a;
        try {
            String[] parts = message.split(" ", 3);
            a = new Announcement(liveChannel.substring(LIVE.length()), seen(Long.parseLong(parts[0])),
                    Long.parseLong(parts[1]), parts[2]);
        } catch (RuntimeException malformed) {
            LOG.log(System.Logger.Level.WARNING, "skipping a malformed announcement on " + liveChannel);
            return;
        }
        if (catchingUp) {
            held.add(a);
        } else {
            deliver(a);
        }
    }

    /** After an outage: reads what the subscribed channels received meanwhile, then what was announced since. */
    private void catchUp() {
        Set<String> channels = listeners.channels();
        Request head = Request.cmd(Command.EVAL).arg(HEAD_SCRIPT).arg(2).arg(EPOCH).arg(SEQUENCE)
                .arg(epochCandidate());
        commands.send(head).compose(reply -> {
            long epoch = seen(reply.get(0).toLong());
            long headSequence = reply.get(1).toLong();
            long after = (lastDelivered >>> 32) == epoch / 1000 ? (lastDelivered & 0xFFFF_FFFFL) : 0;
            return channels.isEmpty() ? Future.succeededFuture(new Read(List.of(), false)) : read(channels, epoch, after, headSequence)
                    .map(read -> {
                        subscriber.execute(() -> {
                            read.events().forEach(this::deliverStored);
                            held.sort(Comparator.comparingLong(Announcement::order));
                            held.forEach(this::deliver);
                            held.clear();
                            catchingUp = false;
                            LOG.log(System.Logger.Level.INFO, "caught up after the Redis outage: "
                                    + read.events().size() + " events read from streams");
                        });
                        return read;
                    });
        }).onFailure(error -> LOG.log(System.Logger.Level.WARNING,
                "could not catch up after the Redis outage (" + error.getMessage() + "); will retry on the next reconnect"));
    }

    private void deliver(Announcement a) {
        SseEvent event;
        try {
            event = FlaskSseCodec.decode(a.json());
        } catch (InvalidEventException invalid) {
            LOG.log(System.Logger.Level.WARNING, "skipping an invalid event on " + a.channel() + ": " + invalid.getMessage());
            return;
        }
        deliverStored(stored(a.channel(), a.epoch(), a.sequence(), event));
    }

    private void deliverStored(StoredEvent event) {
        if (event.sequence() <= lastDelivered) {
            return;
        }
        lastDelivered = event.sequence();
        listeners.deliver(event);
    }

    /**
     * The epoch to create if Redis has none (first use, or it lost its data): now, but at least a second after any
     * epoch this node has seen, so that the new data set's events sort after the old ones (orders compare epoch
     * seconds) even when Redis comes back within the second.
     */
    private long epochCandidate() {
        return Math.max(System.currentTimeMillis(), knownEpoch.get() + 1000);
    }

    private long seen(long epoch) {
        knownEpoch.accumulateAndGet(epoch, Math::max);
        return epoch;
    }

    private static StoredEvent stored(String channel, long epoch, long sequence, SseEvent event) {
        SseEvent withId = event.id() != null ? event : event.withId(new HeraldId(epoch, sequence).toString());
        return new StoredEvent(channel, Announcement.order(epoch, sequence), withId);
    }

    private static Announcement entryOf(String channel, long epoch, Response entry) {
        String entryId = entry.get(0).toString();
        long sequence = Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
        Response fields = entry.get(1);
        return new Announcement(channel, epoch, sequence, fields.get(1).toString());
    }

    private static String script(String name) {
        try (InputStream in = StreamsBroker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
