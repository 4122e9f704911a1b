package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import java.time.Duration;

/**
 * How long the server waits for clients that are slow to send a request, or that keep a connection without using it.
 * An event stream is a request in progress, so neither cuts it, however long it is quiet between heartbeats.
 *
 * @param requestTimeout a new connection's first request head, and each request's body once its head arrived, must
 *                       arrive within this (option {@code request-timeout}; positive); otherwise the connection is
 *                       closed, after a 408 when a head had arrived
 * @param idleTimeout    a connection with no request in progress is closed after this long (option
 *                       {@code idle-timeout}; positive): how long a keep-alive connection may wait for its next request
 * @throws InvalidOptionException when a value is out of range
 */
public record TimeoutOptions(Duration requestTimeout, Duration idleTimeout) {

    public TimeoutOptions {
        OptionChecks.positive("request-timeout", requestTimeout);
        OptionChecks.positive("idle-timeout", idleTimeout);
    }

    /** 10 seconds for a request to arrive, 60 seconds idle between requests. */
    public static TimeoutOptions defaults() {
        return new TimeoutOptions(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
