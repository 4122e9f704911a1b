package dev.herald.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.metrics.Refusal;
import dev.herald.metrics.Transport;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetrics metrics = new MicrometerMetrics(registry);

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    @Test
    void eachCallCountsOnItsOwnMeter() {
        metrics.streamOpened(Transport.STREAM);
        metrics.streamOpened(Transport.STREAM);
        metrics.streamClosed(Transport.STREAM);
        metrics.streamOpened(Transport.POLL);
        metrics.refused(Refusal.TOKEN_MISSING);
        metrics.refused(Refusal.NODE_FULL);
        metrics.refused(Refusal.NODE_FULL);
        metrics.eventDispatched();
        metrics.eventDelivered();
        metrics.eventDelivered();
        metrics.eventDelivered();
        metrics.subscriberDropped();
        metrics.heartbeatSent();
        metrics.heartbeatSent();
        metrics.replayServed();
        metrics.historyGone();
        metrics.brokerGap();
        metrics.published();
        metrics.publishBacklog(4096);
        metrics.publishSlowed();
        metrics.refused(Refusal.PUBLISH_BACKLOG);

        assertThat(gauge("herald.streams.open", "transport", "stream")).isEqualTo(1.0);
        assertThat(counter("herald.streams.opened", "transport", "stream")).isEqualTo(2.0);
        assertThat(counter("herald.streams.closed", "transport", "stream")).isEqualTo(1.0);
        assertThat(gauge("herald.streams.open", "transport", "poll")).isEqualTo(1.0);
        assertThat(counter("herald.streams.opened", "transport", "poll")).isEqualTo(1.0);
        assertThat(counter("herald.streams.closed", "transport", "poll")).isZero();
        assertThat(counter("herald.refusals", "reason", "token_missing")).isEqualTo(1.0);
        assertThat(counter("herald.refusals", "reason", "node_full")).isEqualTo(2.0);
        assertThat(counter("herald.refusals", "reason", "channel_forbidden")).isZero();
        assertThat(gauge("herald.publish.backlog")).isEqualTo(4096.0);
        assertThat(counter("herald.publishes.slowed")).isEqualTo(1.0);
        assertThat(counter("herald.refusals", "reason", "publish_backlog")).isEqualTo(1.0);
        assertThat(counter("herald.events.dispatched")).isEqualTo(1.0);
        assertThat(counter("herald.events.delivered")).isEqualTo(3.0);
        assertThat(counter("herald.subscribers.dropped")).isEqualTo(1.0);
        assertThat(counter("herald.heartbeats")).isEqualTo(2.0);
        assertThat(counter("herald.replays")).isEqualTo(1.0);
        assertThat(counter("herald.history.gone")).isEqualTo(1.0);
        assertThat(counter("herald.broker.gaps")).isEqualTo(1.0);
        assertThat(counter("herald.events.published")).isEqualTo(1.0);
    }

    @Test
    void deliveryLatencyIsATimerOfNanoseconds() {
        metrics.deliveryLatency(TimeUnit.MILLISECONDS.toNanos(3));
        metrics.deliveryLatency(TimeUnit.MILLISECONDS.toNanos(5));

        Timer timer = registry.get("herald.delivery.latency").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8.0);
    }

    @Test
    void theRedisMetersAppearOnlyOnceTheBrokerReportsItsConnection() {
        assertThat(registry.find("herald.redis.connected").gauge()).isNull();
        assertThat(registry.find("herald.redis.reconnects").counter()).isNull();

        metrics.brokerConnection(true);
        assertThat(gauge("herald.redis.connected")).isEqualTo(1.0);
        assertThat(counter("herald.redis.reconnects")).isZero();

        metrics.brokerConnection(false);
        assertThat(gauge("herald.redis.connected")).isZero();

        metrics.brokerConnection(true);
        assertThat(gauge("herald.redis.connected")).isEqualTo(1.0);
        assertThat(counter("herald.redis.reconnects")).isEqualTo(1.0);
    }

    @Test
    void theLingeringGaugeAppearsOnlyOnceAPubSubBrokerReportsItAndShowsTheLastCount() {
        assertThat(registry.find("herald.redis.channels.lingering").gauge()).isNull();

        metrics.channelsLingering(4);
        metrics.channelsLingering(2);

        assertThat(gauge("herald.redis.channels.lingering")).isEqualTo(2.0);
    }

    @Test
    void thePresenceGaugesShowTheLastCountsReported() {
        metrics.presence(3, 7);
        assertThat(gauge("herald.presence.channels")).isEqualTo(3.0);
        assertThat(gauge("herald.presence.subjects")).isEqualTo(7.0);
    }

    @Test
    void everyMeterIsNamedUnderHeraldAndDescribed() {
        metrics.brokerConnection(true);

        // three stream meters per transport, one refusal counter per reason, nine more, two of backpressure, two of
        // presence, two of Redis
        assertThat(registry.getMeters()).hasSize(3 * Transport.values().length + Refusal.values().length + 9 + 2 + 2 + 2).allSatisfy(meter -> {
            Meter.Id id = meter.getId();
            assertThat(id.getName()).startsWith("herald.");
            assertThat(id.getDescription()).isNotBlank();
        });
    }

    @Test
    void prometheusShowsTheMetersUnderItsConventionalNamesAndUnits() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics onPrometheus = new MicrometerMetrics(prometheus);
        onPrometheus.streamOpened(Transport.STREAM);
        onPrometheus.refused(Refusal.CLIENT_STREAMS);
        onPrometheus.deliveryLatency(TimeUnit.MILLISECONDS.toNanos(2));
        onPrometheus.brokerConnection(true);

        String text = prometheus.scrape();

        assertThat(text).contains("herald_streams_open{transport=\"stream\"} 1.0",
                "herald_streams_open{transport=\"poll\"} 0.0", "herald_streams_opened_total{transport=\"stream\"} 1.0",
                "herald_streams_closed_total{transport=\"stream\"} 0.0", "herald_refusals_total{reason=\"client_streams\"} 1.0",
                "herald_refusals_total{reason=\"token_invalid\"} 0.0", "herald_events_published_total 0.0",
                "herald_events_delivered_total 0.0", "herald_subscribers_dropped_total 0.0", "herald_heartbeats_total 0.0",
                "herald_replays_total 0.0", "herald_history_gone_total 0.0", "herald_broker_gaps_total 0.0", "herald_delivery_latency_seconds_count 1",
                "herald_delivery_latency_seconds_bucket{le=", "herald_redis_connected 1.0",
                "herald_redis_reconnects_total 0.0", "# TYPE herald_delivery_latency_seconds histogram");
        prometheus.close();
    }
}
