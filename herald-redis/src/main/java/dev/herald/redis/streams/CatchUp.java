package dev.herald.redis.streams;

import dev.herald.broker.StoredEvent;
import dev.herald.sse.InvalidEventException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's delivery order: passes each event on once per channel, in order, ignoring anything not newer than the
 * last one delivered (an event on several channels is passed on once on each, at the first of its announcements); while the node catches up after losing its subscription connection, holds announcements back until
 * what the streams held has been delivered first.
 *
 * <p>Confined to the subscription connection's context; talks to no one but its consumer.
 */
final class CatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);

    private final Consumer<StoredEvent> delivery;
    /** The {@link StreamOrder} of the last event delivered; 0 before the first. */
    private long lastDelivered;
    /** The channels the last event was delivered on: an event on several has one order, delivered once on each. */
    private final Set<String> lastChannels = new HashSet<>();
    private boolean holding;
    private long losses;
    private final List<Announcement> held = new ArrayList<>();

    /** @param delivery receives the events, in order, each once */
    CatchUp(Consumer<StoredEvent> delivery) {
        this.delivery = delivery;
    }

    /** The subscription connection was lost: from now on announcements wait for {@link #caughtUp}. */
    void lost() {
        holding = true;
        losses++;
    }

    /** How many times the connection was lost so far: a catch-up notes it when it starts reading. */
    long losses() {
        return losses;
    }

    /** An announcement that arrived live: delivered now, or held while catching up. */
    void announced(Announcement announcement) {
        if (holding) {
            held.add(announcement);
        } else {
            deliver(announcement);
        }
    }

    /** The order of the last event delivered, to read the streams after; 0 before the first. */
    long lastDelivered() {
        return lastDelivered;
    }

    /**
     * Delivers what the streams held ({@code read}, in order), then the held announcements, and goes live; unless the
     * connection was lost again since the catch-up started reading ({@code lossesWhenRead} is not {@link #losses()}):
     * then only {@code read} is delivered, and announcements stay held for the next catch-up, since what was published
     * while the connection was down again is in neither.
     */
    void caughtUp(List<StoredEvent> read, long lossesWhenRead) {
        read.forEach(this::passOnIfNew);
        if (lossesWhenRead != losses) {
            return;
        }
        held.sort(Comparator.comparingLong(Announcement::order));
        held.forEach(this::deliver);
        held.clear();
        holding = false;
    }

    private void deliver(Announcement announcement) {
        if (announcement.order() < lastDelivered) {
            return;
        }
        List<StoredEvent> events;
        try {
            events = announcement.decodedOnEach();
        } catch (InvalidEventException invalid) {
            LOG.warn("skipping an invalid event on " + announcement.channel() + ": "
                    + invalid.getMessage());
            return;
        }
        events.forEach(this::passOnIfNew);
    }

    /** Delivers an event unless it was, on its channel: a later order, or the same order on another channel. */
    private void passOnIfNew(StoredEvent event) {
        if (event.sequence() < lastDelivered
                || event.sequence() == lastDelivered && !lastChannels.add(event.channel())) {
            return;
        }
        if (event.sequence() > lastDelivered) {
            lastDelivered = event.sequence();
            lastChannels.clear();
            lastChannels.add(event.channel());
        }
        delivery.accept(event);
    }
}
