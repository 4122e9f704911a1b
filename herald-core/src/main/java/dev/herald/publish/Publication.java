package dev.herald.publish;

import dev.herald.broker.ChannelNames;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a publisher asks to send: flask-sse's {@code publish(data, type, id, retry, channel)} as a value, and Herald's
 * own additions, several channels for one event and an idempotency key. Build one with {@link #builder()} or
 * {@link #of}; the rules (channel names, fields, the key's form) are checked at the {@link Publisher}'s door.
 *
 * @param channel        the channel, when the event is for one ({@link #of}: {@value ChannelNames#DEFAULT}); null when
 *                       {@code channels} names them (both: {@link IllegalArgumentException}; neither: refused at the
 *                       door as an empty channel name)
 * @param type           the event type, or {@code null} for the default {@code message}
 * @param data           a {@link String}, sent as it is, or any other object, serialised to JSON with Jackson
 * @param id             the publisher's own id, or {@code null} to let the broker assign one
 * @param retryMillis    a reconnection time to announce with the event, or {@code null}
 * @param channels       the channels of one event published on several (1 to 100: one id, one sequence, see
 *                       {@link dev.herald.broker.Broadcast}), or null when {@code channel} names the one
 * @param idempotencyKey a key that makes a repeat within the window answer the first id and publish nothing (as the
 *                       {@code Idempotency-Key} header does), or null
 */
public record Publication(String channel, String type, Object data, String id, Long retryMillis, List<String> channels,
                          String idempotencyKey) {

    public Publication {
        if (channel != null && channels != null) {
            throw new IllegalArgumentException("a publication names a channel or a list of channels, not both");
        }
        channels = channels == null ? null : List.copyOf(channels);
    }

    /** flask-sse's publish: one channel, no key. */
    public Publication(String channel, String type, Object data, String id, Long retryMillis) {
        this(channel, type, data, id, retryMillis, null, null);
    }

    /** An event of a type on the default channel. */
    public static Publication of(String type, Object data) {
        return new Publication(ChannelNames.DEFAULT, type, data, null, null);
    }

    /** A publication field by field; the channel is {@value ChannelNames#DEFAULT} unless one or several are named. */
    public static Builder builder() {
        return new Builder();
    }

    /** The channels it is published on: {@code channels}, or the one {@code channel}. */
    public List<String> targets() {
        return channels != null ? channels : java.util.Collections.singletonList(channel);
    }

    /** The same publication on another channel. */
    public Publication onChannel(String newChannel) {
        return new Publication(Objects.requireNonNull(newChannel, "channel"), type, data, id, retryMillis, null,
                idempotencyKey);
    }

    /** The same publication as one event on several channels. */
    public Publication onChannels(List<String> newChannels) {
        return new Publication(null, type, data, id, retryMillis, Objects.requireNonNull(newChannels, "channels"),
                idempotencyKey);
    }

    /** The same publication with the publisher's own id. */
    public Publication withId(String newId) {
        return new Publication(channel, type, data, newId, retryMillis, channels, idempotencyKey);
    }

    /** The same publication announcing a reconnection time. */
    public Publication withRetry(Duration retry) {
        return new Publication(channel, type, data, id, retry.toMillis(), channels, idempotencyKey);
    }

    /** The same publication with an idempotency key. */
    public Publication withIdempotencyKey(String key) {
        return new Publication(channel, type, data, id, retryMillis, channels, key);
    }

    /** Builds a {@link Publication}; {@link #data} is the one field required. */
    public static final class Builder {

        private String channel = ChannelNames.DEFAULT;
        private List<String> channels;
        private String type;
        private Object data;
        private String id;
        private Long retryMillis;
        private String idempotencyKey;

        private Builder() {
        }

        /** The one channel (the default {@value ChannelNames#DEFAULT}); replaces {@link #channels}. */
        public Builder channel(String name) {
            this.channel = Objects.requireNonNull(name, "channel");
            this.channels = null;
            return this;
        }

        /** One event on each of these channels, with one id; replaces {@link #channel}. */
        public Builder channels(List<String> names) {
            this.channels = List.copyOf(names);
            this.channel = null;
            return this;
        }

        /** As {@link #channels(List)}. */
        public Builder channels(String... names) {
            return channels(List.of(names));
        }

        /** The event type; {@code message} when not set. */
        public Builder type(String eventType) {
            this.type = eventType;
            return this;
        }

        /** The data: a String as it is, anything else as JSON. */
        public Builder data(Object value) {
            this.data = value;
            return this;
        }

        /** The publisher's own id, instead of the broker's. */
        public Builder id(String ownId) {
            this.id = ownId;
            return this;
        }

        /** A reconnection time announced with the event. */
        public Builder retry(Duration retry) {
            this.retryMillis = retry.toMillis();
            return this;
        }

        /** A key that makes a repeat within the window answer the first id and publish nothing. */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        public Publication build() {
            return new Publication(channel, type, data, id, retryMillis, channels, idempotencyKey);
        }
    }
}
