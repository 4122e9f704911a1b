package dev.herald.redis.cstreams;

import dev.herald.options.Check;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import java.time.Duration;

/**
 * How many replicas must hold an event before a publish on a Redis Cluster in Streams mode is acknowledged: after
 * {@code publish.lua}, the same connection runs {@code WAIT <replicas> <timeout>} on the partition's master. Redis
 * replicates asynchronously, so without it an event the master acknowledged just before it died may be missing on the
 * replica that takes over; with it, an acknowledged event survives the failover of its master (unless every replica
 * that confirmed it is lost too). A publish whose event fewer replicas confirmed within the timeout fails with
 * {@link dev.herald.broker.BrokerUnavailableException}: the event is stored on the master (and was announced), but
 * may not survive a failover, so a publisher that must not lose it publishes again.
 *
 * @param replicas how many replicas must confirm, 0 for none (no {@code WAIT}: the default)
 * @param timeout  how long to wait for them, positive
 */
public record ReplicaWait(int replicas, Duration timeout) {

    public static final Option<Integer> REPLICAS = Option.of("redis-wait-replicas", Integer.class).defaultsTo(0)
            .check(Check.atLeast(0, "replica"))
            .description("With redis-cluster and streams: replicas that must hold each event (Redis WAIT) before its "
                    + "publish is acknowledged, so that a master's failover loses no acknowledged event; 0 for none");

    public static final Option<Duration> TIMEOUT = Option.of("redis-wait-timeout", Duration.class)
            .defaultsTo(Duration.ofSeconds(1)).check(Check.positive())
            .description("With redis-wait-replicas: how long a publish waits for the replicas before it fails with 503");

    public ReplicaWait {
        OptionChecks.atLeast(REPLICAS.key(), replicas, 0, "replica");
        OptionChecks.positive(TIMEOUT.key(), timeout);
    }

    /** No {@code WAIT}: acknowledged once the master stored the event. */
    public static ReplicaWait none() {
        return new ReplicaWait(0, TIMEOUT.defaultValue());
    }
}
