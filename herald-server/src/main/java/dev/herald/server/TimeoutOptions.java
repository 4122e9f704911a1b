package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;

/**
 * How long the server waits for clients that are slow to send a request, or that keep a connection without using it.
 * An event stream is a request in progress, so neither cuts it, however long it is quiet between heartbeats.
 *
 * @param requestTimeout {@link #REQUEST_TIMEOUT}; a late body is answered 408 before the connection closes
 * @param idleTimeout    {@link #IDLE_TIMEOUT}
 * @throws InvalidOptionException when a value is out of range
 */
public record TimeoutOptions(Duration requestTimeout, Duration idleTimeout) {

    public static final Option<Duration> REQUEST_TIMEOUT = Option.of("request-timeout", Duration.class)
            .defaultsTo(Duration.ofSeconds(10)).check(Check.positive())
            .description("Time for a new connection's request head, and for a request's body after its head; a slower "
                    + "client is disconnected");

    public static final Option<Duration> IDLE_TIMEOUT = Option.of("idle-timeout", Duration.class)
            .defaultsTo(Duration.ofSeconds(60)).check(Check.positive())
            .description("Time a connection may wait for its next request; streams are never cut");

    public TimeoutOptions {
        REQUEST_TIMEOUT.check(requestTimeout);
        IDLE_TIMEOUT.check(idleTimeout);
    }

    /** 10 seconds for a request to arrive, 60 seconds idle between requests. */
    public static TimeoutOptions defaults() {
        return new TimeoutOptions(REQUEST_TIMEOUT.defaultValue(), IDLE_TIMEOUT.defaultValue());
    }
}
