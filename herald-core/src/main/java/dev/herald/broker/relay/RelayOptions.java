package dev.herald.broker.relay;

import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;

/**
 * How a {@link RelayedBroker} (Redis Pub/Sub mode) holds channels on its relay.
 *
 * <p>A node holds a channel (or pattern) while a listener or a publish needs it, and for {@link #LINGER} after the
 * last one lets go: a long-poll client's next request, or a stream that reconnects to this node within it, misses
 * nothing. Once the node really lets go, what other nodes publish on the channel no longer reaches it, so a client
 * resuming from before that is told history is gone (see {@link RelayedBroker}). The cost: every channel used in the
 * last {@code LINGER} stays subscribed on Redis, and its messages are received and kept in this node's history.
 *
 * @param linger {@link #LINGER}: zero lets go at once
 */
public record RelayOptions(Duration linger) {

    /**
     * 60 s: longer than a long poll's next request (milliseconds), an EventSource's reconnect after {@code retry} (3 s)
     * or after a shed (5 to 15 s), so that those come back to a channel still held.
     */
    public static final Option<Duration> LINGER = Option.of("redis-linger", Duration.class)
            .defaultsTo(Duration.ofSeconds(60)).check(Check.notNegative())
            .description("In pubsub mode, how long a node keeps its subscription to a channel or pattern after its last "
                    + "stream, poll or publish left, so that a client polling again or reconnecting within it misses "
                    + "nothing; a client back later, from before, is told history-gone; 0s lets go at once");

    public RelayOptions {
        LINGER.check(linger);
    }

    /** Every value at its declared default. */
    public static RelayOptions defaults() {
        return new RelayOptions(LINGER.defaultValue());
    }
}
