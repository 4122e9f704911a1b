package dev.herald.hub;

import java.time.Duration;

/**
 * How the hub treats its streams.
 *
 * @param heartbeatInterval how often an idle-looking stream gets a comment line, so proxies keep it open
 * @param retryMillis       the reconnection time announced at the start of every stream
 */
public record HubOptions(Duration heartbeatInterval, long retryMillis) {

    public HubOptions {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + heartbeatInterval);
        }
        if (retryMillis < 0) {
            throw new IllegalArgumentException("retry must be zero or more milliseconds, got " + retryMillis);
        }
    }

    /** A heartbeat every 15 seconds; clients reconnect after 3 seconds. */
    public static HubOptions defaults() {
        return new HubOptions(Duration.ofSeconds(15), 3000);
    }
}
