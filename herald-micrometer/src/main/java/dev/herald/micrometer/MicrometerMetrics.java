package dev.herald.micrometer;

import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Refusal;
import dev.herald.metrics.Transport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link HeraldMetrics} as Micrometer meters, named so that a Prometheus registry shows them as
 * {@code herald_streams_open{transport="stream"}}, {@code herald_refusals_total{reason="token_missing"}},
 * {@code herald_events_published_total}, {@code herald_delivery_latency_seconds} and so on. Every meter is registered
 * when this object is built, except the two Redis ones, registered when the broker first reports its connection (so a
 * node on the memory broker shows none). Needs {@code io.micrometer:micrometer-core} on the class path.
 *
 * <pre>{@code
 * Herald.builder().metrics(new MicrometerMetrics(registry)).build(vertx);
 * }</pre>
 */
public final class MicrometerMetrics implements HeraldMetrics {

    private final MeterRegistry registry;
    /** Per transport, indexed by its ordinal. */
    private final AtomicLong[] streamsOpen = new AtomicLong[Transport.values().length];
    private final Counter[] streamsOpened = new Counter[Transport.values().length];
    private final Counter[] streamsClosed = new Counter[Transport.values().length];
    /** Per reason, indexed by its ordinal. */
    private final Counter[] refusals = new Counter[Refusal.values().length];
    private final Counter eventsDispatched;
    private final Counter eventsDelivered;
    private final Counter subscribersDropped;
    private final Counter heartbeats;
    private final Counter replays;
    private final Counter historyGone;
    private final Counter brokerGaps;
    private final Counter published;
    private final Timer deliveryLatency;
    private final AtomicLong publishBacklog = new AtomicLong();
    private final Counter publishesSlowed;
    private final AtomicLong presenceChannels = new AtomicLong();
    private final AtomicLong presenceSubjects = new AtomicLong();

    // Changed only inside brokerConnection, which is synchronized: connections come and go rarely.
    private AtomicInteger redisConnected;
    private Counter redisReconnects;
    /** Registered at the first call (Pub/Sub mode only), by the synchronized registerChannelsLingering. */
    private volatile AtomicLong channelsLingering;

    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Transport transport : Transport.values()) {
            int i = transport.ordinal();
            streamsOpen[i] = new AtomicLong();
            Gauge.builder("herald.streams.open", streamsOpen[i], AtomicLong::get).tag("transport", transport.tag())
                    .description("Client streams open on this node (transport poll: polls being answered, long polls waiting)")
                    .register(registry);
            streamsOpened[i] = Counter.builder("herald.streams.opened").tag("transport", transport.tag())
                    .description("Client streams opened").register(registry);
            streamsClosed[i] = Counter.builder("herald.streams.closed").tag("transport", transport.tag())
                    .description("Client streams ended, for any reason").register(registry);
        }
        for (Refusal reason : Refusal.values()) {
            refusals[reason.ordinal()] = Counter.builder("herald.refusals").tag("reason", reason.tag())
                    .description("Requests refused: no or a bad token, a channel not granted, a cross-site publish, "
                            + "an address over its limits, the node full").register(registry);
        }
        eventsDispatched = counter("herald.events.dispatched", "Events received from the broker for channels with local clients");
        eventsDelivered = counter("herald.events.delivered", "Event frames queued to clients, replayed ones included");
        subscribersDropped = counter("herald.subscribers.dropped", "Clients disconnected because their outbound buffer overflowed or stalled past the slow-client timeout");
        heartbeats = counter("herald.heartbeats", "Heartbeat comments queued to clients");
        replays = counter("herald.replays", "Resuming clients served the history after their Last-Event-ID");
        historyGone = counter("herald.history.gone", "Clients told history-gone: resuming from a Last-Event-ID older than "
                + "the history kept, or live when the broker told a gap");
        brokerGaps = counter("herald.broker.gaps", "Gaps the broker told this node of: its Redis subscription dropped and "
                + "came back, or Redis lost its data; every live stream was told history-gone");
        published = counter("herald.events.published", "Events published through this node and accepted by the broker");
        deliveryLatency = Timer.builder("herald.delivery.latency")
                .description("From the event's arrival from the broker to its frame being queued to the clients of a loop")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("herald.publish.backlog", publishBacklog, AtomicLong::get).baseUnit("writes")
                .description("Stream writes the busiest event loop owes (events queued or handed to its streams, not "
                        + "yet written); publishes wait while it is at publish-backlog").register(registry);
        publishesSlowed = counter("herald.publishes.slowed", "Publishes that waited for room under publish-backlog "
                + "(those refused with 503 after publish-wait included)");
        // No tag per channel: a channel name is the caller's to choose, and would make the series unbounded.
        Gauge.builder("herald.presence.channels", presenceChannels, AtomicLong::get)
                .description("Channels with a stream on any node, as this node sees them (the same on every node: "
                        + "do not sum)").register(registry);
        Gauge.builder("herald.presence.subjects", presenceSubjects, AtomicLong::get)
                .description("Distinct token subjects with a stream on any channel of any node, as this node sees them")
                .register(registry);
    }

    @Override
    public void presence(int channels, int subjects) {
        presenceChannels.set(channels);
        presenceSubjects.set(subjects);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    @Override
    public void streamOpened(Transport transport) {
        streamsOpen[transport.ordinal()].incrementAndGet();
        streamsOpened[transport.ordinal()].increment();
    }

    @Override
    public void streamClosed(Transport transport) {
        streamsOpen[transport.ordinal()].decrementAndGet();
        streamsClosed[transport.ordinal()].increment();
    }

    @Override
    public void refused(Refusal reason) {
        refusals[reason.ordinal()].increment();
    }

    @Override
    public void eventDispatched() {
        eventsDispatched.increment();
    }

    @Override
    public void eventDelivered() {
        eventsDelivered.increment();
    }

    @Override
    public void subscriberDropped() {
        subscribersDropped.increment();
    }

    @Override
    public void heartbeatSent() {
        heartbeats.increment();
    }

    @Override
    public void replayServed() {
        replays.increment();
    }

    @Override
    public void historyGone() {
        historyGone.increment();
    }

    @Override
    public void brokerGap() {
        brokerGaps.increment();
    }

    @Override
    public void published() {
        published.increment();
    }

    @Override
    public void publishBacklog(long writes) {
        publishBacklog.set(writes);
    }

    @Override
    public void publishSlowed() {
        publishesSlowed.increment();
    }

    @Override
    public void deliveryLatency(long nanos) {
        deliveryLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void brokerConnection(boolean connected) {
        if (redisConnected == null) {
            redisConnected = new AtomicInteger();
            Gauge.builder("herald.redis.connected", redisConnected, AtomicInteger::get)
                    .description("1 while the broker's Redis subscription connection is up, 0 while it is lost")
                    .register(registry);
            redisReconnects = counter("herald.redis.reconnects", "Times the Redis subscription connection was restored after a loss");
        } else if (connected && redisConnected.get() == 0) {
            redisReconnects.increment();
        }
        redisConnected.set(connected ? 1 : 0);
    }

    @Override
    public void channelsLingering(int channels) {
        AtomicLong gauge = channelsLingering;
        if (gauge == null) {
            gauge = registerChannelsLingering();
        }
        gauge.set(channels);
    }

    private synchronized AtomicLong registerChannelsLingering() {
        if (channelsLingering == null) {
            AtomicLong gauge = new AtomicLong();
            Gauge.builder("herald.redis.channels.lingering", gauge, AtomicLong::get)
                    .description("Pub/Sub mode: channels and patterns the node keeps subscribed on Redis for nobody, "
                            + "waiting out redis-linger").register(registry);
            channelsLingering = gauge;
        }
        return channelsLingering;
    }
}
