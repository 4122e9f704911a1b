package dev.herald.hub;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;

/**
 * How the hub treats its streams.
 *
 * @param heartbeatInterval {@link #HEARTBEAT}
 * @param retry             {@link #RETRY}, in whole milliseconds on the wire
 * @throws InvalidOptionException when a value is out of range
 */
public record HubOptions(Duration heartbeatInterval, Duration retry) {

    public static final Option<Duration> HEARTBEAT = Option.of("heartbeat", Duration.class)
            .defaultsTo(Duration.ofSeconds(15)).check(Check.positive())
            .description("Time between heartbeat comments on every stream, so that proxies keep it open");

    public static final Option<Duration> RETRY = Option.of("retry", Duration.class)
            .defaultsTo(Duration.ofSeconds(3)).check(Check.notNegative())
            .description("Reconnection time announced to clients at the start of every stream");

    public HubOptions {
        HEARTBEAT.check(heartbeatInterval);
        RETRY.check(retry);
    }

    /** A heartbeat every 15 seconds; clients reconnect after 3 seconds. */
    public static HubOptions defaults() {
        return new HubOptions(HEARTBEAT.defaultValue(), RETRY.defaultValue());
    }

    public HubOptions withHeartbeat(Duration newHeartbeat) {
        return new HubOptions(newHeartbeat, retry);
    }

    public HubOptions withRetry(Duration newRetry) {
        return new HubOptions(heartbeatInterval, newRetry);
    }
}
