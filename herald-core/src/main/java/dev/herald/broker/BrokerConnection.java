package dev.herald.broker;

import dev.herald.metrics.HeraldMetrics;

/**
 * Whether a broker's connection to its remote store (Redis) is up: the broker sets it as the connection comes and goes,
 * a readiness check reads it. The memory broker has no such connection and never touches one. Safe from any thread.
 */
public final class BrokerConnection {

    private final HeraldMetrics metrics;
    private volatile boolean up = true;

    /** Reports each change to {@code metrics} as well ({@link HeraldMetrics#brokerConnection}). */
    public BrokerConnection(HeraldMetrics metrics) {
        this.metrics = metrics;
    }

    /** A connection whose changes nobody counts. */
    public static BrokerConnection untracked() {
        return new BrokerConnection(HeraldMetrics.NONE);
    }

    /** Connected at start, or restored after a loss. */
    public void up() {
        up = true;
        metrics.brokerConnection(true);
    }

    /** Lost; the broker is reconnecting. */
    public void down() {
        up = false;
        metrics.brokerConnection(false);
    }

    /** Where the broker reports what it counts beside its connection ({@link HeraldMetrics#channelsLingering}). */
    public HeraldMetrics metrics() {
        return metrics;
    }

    /** True unless the connection was lost and is not restored yet. */
    public boolean isUp() {
        return up;
    }
}
