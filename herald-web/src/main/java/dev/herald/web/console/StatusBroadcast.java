package dev.herald.web.console;

import dev.herald.broker.ChannelNames;
import dev.herald.node.Node;
import dev.herald.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this node's status once a {@link #PERIOD} on {@value ChannelNames#STATUS}, as {@code event: node} with
 * {@link StatusJson}'s data, through the broker: in the Redis modes every node's console hears every node; with the
 * memory broker, only this one. Announcements are not counted as published ({@code Publisher.announce}). Runs on the
 * node's timer thread until the node closes or {@link #close} is called; a failed announcement (Redis away, which the
 * broker logs itself) is skipped, logged at debug once per outage.
 */
final class StatusBroadcast implements AutoCloseable {

    /** How often each node announces itself: the console's "at least every second". */
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** The event type of a status. */
    static final String EVENT = "node";
    /** The busiest channels a status names. */
    static final int TOP_CHANNELS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(StatusBroadcast.class);

    private final Node node;
    private final String nodeId;
    private final ScheduledFuture<?> timer;
    /** True from a failed announcement to the next one that succeeds: logged once per outage. */
    private final AtomicBoolean failing = new AtomicBoolean();

    StatusBroadcast(Node node, String nodeId) {
        this.node = node;
        this.nodeId = nodeId;
        this.timer = node.every(PERIOD, this::announce);
    }

    /** The event as it goes out now: what {@link #announce} publishes. */
    SseEvent event() {
        byte[] data = ConsoleReply.bytes(StatusJson.of(node.status(nodeId, TOP_CHANNELS)));
        return new SseEvent(null, EVENT, new String(data, StandardCharsets.UTF_8), null);
    }

    private void announce() {
        try {
            node.publisher().announce(ChannelNames.STATUS, event()).whenComplete((id, error) -> {
                if (error == null) {
                    failing.set(false);
                } else if (failing.compareAndSet(false, true)) {
                    LOG.debug("the console's status of node {} could not be announced (skipped until the broker takes "
                            + "it again): {}", nodeId, error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            // Never let it escape: a periodic task that throws is not run again. A closed broker ends up here.
            if (failing.compareAndSet(false, true)) {
                LOG.debug("the console's status of node {} could not be announced: {}", nodeId, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.cancel(false);
    }
}
