package dev.herald.hub;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import java.time.Duration;

/**
 * How the hub treats its streams.
 *
 * @param heartbeatInterval how often every stream gets a comment line, so proxies keep it open (option
 *                          {@code heartbeat}); positive
 * @param retry             the reconnection time announced at the start of every stream (option {@code retry}), in
 *                          whole milliseconds on the wire; zero or more
 * @throws InvalidOptionException when a value is out of range
 */
public record HubOptions(Duration heartbeatInterval, Duration retry) {

    public HubOptions {
        OptionChecks.positive("heartbeat", heartbeatInterval);
        OptionChecks.notNegative("retry", retry);
    }

    /** A heartbeat every 15 seconds; clients reconnect after 3 seconds. */
    public static HubOptions defaults() {
        return new HubOptions(Duration.ofSeconds(15), Duration.ofSeconds(3));
    }
}
