package dev.herald.broker;

import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.util.Objects;

/**
 * An event on its way into a broker, checked at the door. Building one <em>is</em> the admission check, and
 * {@link Broker#publish} takes nothing else, so every ingress (the HTTP routes and the Java API through
 * {@link dev.herald.publish.Publisher}, messages arriving from Redis) passes the same rules, written here once:
 * <ul>
 *   <li>the channel name follows {@link ChannelNames#check};</li>
 *   <li>the fields follow {@link SseEvent} (no line break in {@code id} or {@code type}, no NUL in {@code id});</li>
 *   <li>a publisher's own id is not empty (that would reset the client's last event id), at most {@value HeraldId#MAX_LENGTH}
 *       characters (a client must be able to send it back) and does not have the form
 *       of Herald's ids ({@link HeraldId#checkPublisherId}).</li>
 * </ul>
 *
 * <p>The constructor throws {@link InvalidChannelException} when the channel name is refused, and
 * {@link InvalidEventException} when the id is empty, too long or has Herald's form.
 *
 * @param channel the channel to publish on
 * @param event   the event; its {@code id} is {@code null} to let the broker assign one
 */
public record AdmittedEvent(String channel, SseEvent event) {

    public AdmittedEvent {
        ChannelNames.check(channel);
        Objects.requireNonNull(event, "event");
        HeraldId.checkPublisherId(event.id());
    }
}
