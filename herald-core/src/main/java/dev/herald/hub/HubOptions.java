package dev.herald.hub;

import dev.herald.access.ChannelPatterns;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;

/**
 * How the hub treats its streams.
 *
 * <p>The constructor throws {@link InvalidOptionException} when a value is out of range.
 *
 * @param heartbeatInterval {@link #HEARTBEAT}
 * @param retry             {@link #RETRY}, in whole milliseconds on the wire
 * @param slowClientTimeout {@link #SLOW_CLIENT_TIMEOUT}, checked on every heartbeat tick
 * @param drainTime         {@link #DRAIN_TIME}: the window over which a stopping node ends its streams ({@link DrainPlan})
 * @param latestValueChannels {@link #LATEST_VALUE_CHANNELS}: where a new client starts with the newest event
 * @param publishBacklog    {@link #PUBLISH_BACKLOG}: stream writes a loop may owe before publishers wait
 * @param publishWait       {@link #PUBLISH_WAIT}: how long a publisher waits for room before its 503
 */
public record HubOptions(Duration heartbeatInterval, Duration retry, Duration slowClientTimeout, Duration drainTime,
        ChannelPatterns latestValueChannels, int publishBacklog, Duration publishWait) {

    public static final Option<Duration> HEARTBEAT = Option.of("heartbeat", Duration.class)
            .defaultsTo(Duration.ofSeconds(15)).check(Check.positive())
            .description("Time between heartbeat comments on every stream, so that proxies keep it open");

    public static final Option<Duration> RETRY = Option.of("retry", Duration.class)
            .defaultsTo(Duration.ofSeconds(3)).check(Check.notNegative())
            .description("Reconnection time announced to clients at the start of every stream");

    /**
     * Checked when a heartbeat is due: a stream is dropped when what it was sent (events or heartbeats) has waited
     * unwritten longer, whatever the kernel's buffers hold, so a client that stopped reading is let go even on a quiet
     * channel. Measured at heartbeat ticks: a stalled client is dropped within this time plus one heartbeat. The
     * standalone server also sets its sockets' {@code TCP_USER_TIMEOUT} to it, so that what the kernel sent and a
     * vanished client never acknowledges is bounded the same ({@code HeraldServer.tcpUserTimeoutMillis}).
     */
    public static final Option<Duration> SLOW_CLIENT_TIMEOUT = Option.of("slow-client-timeout", Duration.class)
            .defaultsTo(Duration.ofSeconds(30)).check(Check.positive())
            .description("How long what a stream was sent may wait unwritten before the client is dropped as stalled "
                    + "(checked at each heartbeat); it resumes by Last-Event-ID");

    /**
     * A node that stops ends its streams one by one at random instants over this window, each after a last
     * {@code retry} (see {@link DrainPlan}), so that its clients come back to the other nodes spread out rather than in
     * one storm; long polls are answered at once. Zero ends every stream at once.
     */
    public static final Option<Duration> DRAIN_TIME = Option.of("drain-time", Duration.class)
            .defaultsTo(Duration.ofSeconds(10)).check(Check.notNegative())
            .description("When the node stops, the window over which its streams are ended at random instants, each "
                    + "told a retry of retry to twice retry, so that clients reconnect spread out; 0s ends them at once");

    /**
     * A stream (or poll) without {@code Last-Event-ID} or {@code rewind} on such channels starts as if it had asked to
     * rewind by one event per such channel it names: the channel's latest value at once, then live, without gap or
     * duplicate ({@code Broker.latest}). Herald's reserved {@code $} channels are never latest-value channels.
     */
    public static final Option<String> LATEST_VALUE_CHANNELS = Option.of("latest-value-channels", String.class)
            .description("Comma-separated channel patterns (* matches any run of characters) whose new subscribers "
                    + "get the channel's newest event at once, then live; none by default");

    /**
     * The node's delivery backlog, in stream writes: the live events its event loops handed to their streams and have
     * not written out yet, counted on the loop that owes the most ({@link DeliveryBacklog}). While it is at or over this,
     * a publish waits before it reaches the broker ({@code dev.herald.publish.Backpressure}), so the latency of delivery
     * stays about this many writes long instead of growing with a publisher that outruns the fan-out. A stream's own
     * buffer (a slow client) is not counted: that client is dropped by {@link #SLOW_CLIENT_TIMEOUT} and its buffer
     * limit, and slows nobody. 0 turns the wait off (the publish is answered as soon as the broker took the event).
     */
    public static final Option<Integer> PUBLISH_BACKLOG = Option.of("publish-backlog", Integer.class)
            .defaultsTo(65_536).unit("writes").check(Check.atLeast(0, "write"))
            .description("Stream writes an event loop may owe (events handed to its streams, not yet written) before "
                    + "a publish waits for room; 0 never waits");

    /**
     * How long a publish waits for room under {@link #PUBLISH_BACKLOG} before it is refused with {@code 503} and
     * {@code Retry-After: 1}, having published nothing.
     */
    public static final Option<Duration> PUBLISH_WAIT = Option.of("publish-wait", Duration.class)
            .defaultsTo(Duration.ofSeconds(5)).check(Check.positive())
            .description("How long a publish waits for room under publish-backlog before it is refused with 503 and "
                    + "Retry-After; nothing is published then");

    public HubOptions {
        HEARTBEAT.check(heartbeatInterval);
        RETRY.check(retry);
        SLOW_CLIENT_TIMEOUT.check(slowClientTimeout);
        DRAIN_TIME.check(drainTime);
        latestValueChannels = latestValueChannels == null ? ChannelPatterns.NONE : latestValueChannels;
        PUBLISH_BACKLOG.check(publishBacklog);
        PUBLISH_WAIT.check(publishWait);
    }

    /** The default {@link #PUBLISH_BACKLOG} and {@link #PUBLISH_WAIT}. */
    public HubOptions(Duration heartbeatInterval, Duration retry, Duration slowClientTimeout, Duration drainTime,
                      ChannelPatterns latestValueChannels) {
        this(heartbeatInterval, retry, slowClientTimeout, drainTime, latestValueChannels,
                PUBLISH_BACKLOG.defaultValue(), PUBLISH_WAIT.defaultValue());
    }

    /** No {@link #LATEST_VALUE_CHANNELS}. */
    public HubOptions(Duration heartbeatInterval, Duration retry, Duration slowClientTimeout, Duration drainTime) {
        this(heartbeatInterval, retry, slowClientTimeout, drainTime, ChannelPatterns.NONE);
    }

    /** The default {@link #DRAIN_TIME}. */
    public HubOptions(Duration heartbeatInterval, Duration retry, Duration slowClientTimeout) {
        this(heartbeatInterval, retry, slowClientTimeout, DRAIN_TIME.defaultValue());
    }

    /** The default {@link #SLOW_CLIENT_TIMEOUT}. */
    public HubOptions(Duration heartbeatInterval, Duration retry) {
        this(heartbeatInterval, retry, SLOW_CLIENT_TIMEOUT.defaultValue());
    }

    /**
     * A heartbeat every 15 seconds; clients reconnect after 3 seconds; stalled for 30 seconds, dropped; a stopping node
     * ends its streams over 10 seconds.
     */
    public static HubOptions defaults() {
        return new HubOptions(HEARTBEAT.defaultValue(), RETRY.defaultValue());
    }

    public HubOptions withRetry(Duration newRetry) {
        return new HubOptions(heartbeatInterval, newRetry, slowClientTimeout, drainTime, latestValueChannels,
                publishBacklog, publishWait);
    }

    public HubOptions withDrainTime(Duration newDrainTime) {
        return new HubOptions(heartbeatInterval, retry, slowClientTimeout, newDrainTime, latestValueChannels,
                publishBacklog, publishWait);
    }

    /** The same options with {@code patterns} as the {@link #LATEST_VALUE_CHANNELS}. */
    public HubOptions withLatestValueChannels(ChannelPatterns patterns) {
        return new HubOptions(heartbeatInterval, retry, slowClientTimeout, drainTime, patterns, publishBacklog,
                publishWait);
    }

    /** The same options with {@link #PUBLISH_BACKLOG} and {@link #PUBLISH_WAIT} as given. */
    public HubOptions withPublishBacklog(int writes, Duration wait) {
        return new HubOptions(heartbeatInterval, retry, slowClientTimeout, drainTime, latestValueChannels, writes, wait);
    }
}
