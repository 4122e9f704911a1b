package dev.herald.publish;

import dev.herald.broker.ChannelNames;
import java.time.Duration;

/**
 * What a publisher asks to send: flask-sse's {@code publish(data, type, id, retry, channel)} as a value.
 *
 * @param channel     the channel; {@value ChannelNames#DEFAULT} when made by {@link #of}
 * @param type        the event type, or {@code null} for the default {@code message}
 * @param data        a {@link String}, sent as it is, or any other object, serialised to JSON with Jackson
 * @param id          the publisher's own id, or {@code null} to let the broker assign one
 * @param retryMillis a reconnection time to announce with the event, or {@code null}
 */
public record Publication(String channel, String type, Object data, String id, Long retryMillis) {

    /** An event of a type on the default channel. */
    public static Publication of(String type, Object data) {
        return new Publication(ChannelNames.DEFAULT, type, data, null, null);
    }

    /** The same publication on another channel. */
    public Publication onChannel(String newChannel) {
        return new Publication(newChannel, type, data, id, retryMillis);
    }

    /** The same publication with the publisher's own id. */
    public Publication withId(String newId) {
        return new Publication(channel, type, data, newId, retryMillis);
    }

    /** The same publication announcing a reconnection time. */
    public Publication withRetry(Duration retry) {
        return new Publication(channel, type, data, id, retry.toMillis());
    }
}
