package dev.herald.micrometer;

import dev.herald.metrics.HeraldMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link HeraldMetrics} as Micrometer meters, named so that a Prometheus registry shows them as {@code herald_streams_open},
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
    private final AtomicLong streamsOpen = new AtomicLong();
    private final Counter streamsOpened;
    private final Counter streamsClosed;
    private final Counter eventsDispatched;
    private final Counter eventsDelivered;
    private final Counter subscribersDropped;
    private final Counter heartbeats;
    private final Counter replays;
    private final Counter historyGone;
    private final Counter published;
    private final Timer deliveryLatency;

    // Changed only inside brokerConnection, which is synchronized: connections come and go rarely.
    private AtomicInteger redisConnected;
    private Counter redisReconnects;

    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("herald.streams.open", streamsOpen, AtomicLong::get)
                .description("Client streams open on this node").register(registry);
        streamsOpened = counter("herald.streams.opened", "Client streams opened");
        streamsClosed = counter("herald.streams.closed", "Client streams ended, for any reason");
        eventsDispatched = counter("herald.events.dispatched", "Events received from the broker for channels with local clients");
        eventsDelivered = counter("herald.events.delivered", "Event frames queued to clients, replayed ones included");
        subscribersDropped = counter("herald.subscribers.dropped", "Clients disconnected because their outbound buffer overflowed");
        heartbeats = counter("herald.heartbeats", "Heartbeat comments queued to clients");
        replays = counter("herald.replays", "Resuming clients served the history after their Last-Event-ID");
        historyGone = counter("herald.history.gone", "Resuming clients whose Last-Event-ID was older than the history kept");
        published = counter("herald.events.published", "Events published through this node and accepted by the broker");
        deliveryLatency = Timer.builder("herald.delivery.latency")
                .description("From the event's arrival from the broker to its frame being queued to the clients of a loop")
                .publishPercentileHistogram()
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    @Override
    public void streamOpened() {
        streamsOpen.incrementAndGet();
        streamsOpened.increment();
    }

    @Override
    public void streamClosed() {
        streamsOpen.decrementAndGet();
        streamsClosed.increment();
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
    public void published() {
        published.increment();
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
}
