package dev.herald.sse;

/**
 * An event as a client receives it after parsing.
 *
 * @param type        the event type; {@code "message"} when the stream named none
 * @param data        the data lines joined with LF
 * @param lastEventId the client's last event id at dispatch time (it persists across events)
 */
public record ParsedEvent(String type, String data, String lastEventId) {
}
