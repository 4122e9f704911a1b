package dev.herald.broker;

import dev.herald.sse.SseEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One event on several channels, checked at the door as an {@link AdmittedEvent} is: {@link Broker#broadcast} stores
 * it once in the broker's order, under one id and one sequence, in the history of every channel, and hands it to the
 * listeners of each (a listener of two of them receives it twice with the same sequence: the hub sends it once).
 *
 * <p>Rules, written here once: 1 to {@value #MAX_CHANNELS} channels, each following {@link ChannelNames#check} and
 * none a pattern ({@link ChannelNames#isPattern}: an event is stored on named channels) or named twice; the event
 * follows {@link AdmittedEvent}'s rules. A refusal ({@link InvalidChannelException}) names the channel by its index,
 * {@code channels[i]}. (A publisher sends an event for one channel as an {@link AdmittedEvent}.)
 *
 * @param channels the channels, in the order given (the first is the one {@link Broker#broadcast} reports)
 * @param event    the event; its {@code id} is {@code null} to let the broker assign one
 */
public record Broadcast(List<String> channels, SseEvent event) {

    /** The most channels one event may be published on. */
    public static final int MAX_CHANNELS = 100;

    public Broadcast {
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        checkChannels(channels);
        Objects.requireNonNull(event, "event");
        new AdmittedEvent(channels.get(0), event); // the event's own rules, once
    }

    /** The event as published on one of its channels, as a broker that stores per channel holds it. */
    public AdmittedEvent on(String channel) {
        return new AdmittedEvent(channel, event);
    }

    /**
     * Checks a list of 1 to {@value #MAX_CHANNELS} channel names, none a pattern nor repeated.
     *
     * @throws InvalidChannelException naming {@code channels} or {@code channels[i]}
     */
    public static void checkChannels(List<String> channels) {
        if (channels.isEmpty() || channels.size() > MAX_CHANNELS) {
            throw new InvalidChannelException("channels must name 1 to " + MAX_CHANNELS + " channels, got "
                    + channels.size());
        }
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < channels.size(); index++) {
            String channel = channels.get(index);
            try {
                ChannelNames.check(channel);
            } catch (InvalidChannelException refused) {
                throw new InvalidChannelException("channels[" + index + "]: " + refused.getMessage());
            }
            if (ChannelNames.isPattern(channel)) {
                throw new InvalidChannelException("channels[" + index + "]: " + channel
                        + " is a pattern; an event is published on named channels");
            }
            if (!seen.add(channel)) {
                throw new InvalidChannelException("channels[" + index + "]: " + channel + " is named twice");
            }
        }
    }
}
