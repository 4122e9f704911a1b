package dev.herald.client;

import dev.herald.sse.ParsedEvent;

/**
 * What an {@link EventSource} reports; every method does nothing by default, so a listener overrides only what it
 * needs.
 *
 * <p>Calls come one at a time, in the order things happened, on the source's callback executor (never two at once,
 * never on the thread that reads the network). A connection's life is {@code onOpen}, then its events and comments,
 * then {@code onError} when it fails or ends ({@code onTokenExpired} instead when Herald ended it for its token); then
 * the source either reconnects (another {@code onOpen} when it succeeds) or stops, and {@code onClosed} is the last
 * call of all. After {@link EventSource#close()}, nothing but
 * {@code onClosed} arrives. A listener may call {@code close()} from any of these methods. An exception thrown here
 * is logged and does not stop the source.
 */
public interface EventSourceListener {

    /** A connection opened: 200 with {@code text/event-stream}; events follow. */
    default void onOpen() {
    }

    /**
     * An event was dispatched (a blank line ended an event with data). {@code event.lastEventId()} is the source's
     * last event id at that point (the spec's {@code MessageEvent.lastEventId}: set by this event's {@code id} field,
     * or kept from an earlier event); {@code event.type()} is {@code "message"} when the stream named none. Herald's
     * {@value HistoryGone#TYPE} events go to {@link #onHistoryGone} instead.
     */
    default void onEvent(ParsedEvent event) {
    }

    /** A comment line arrived (Herald's heartbeats are empty comments), without its leading colon. */
    default void onComment(String comment) {
    }

    /**
     * Herald could not resume from the last event id: events may have been lost. The events history still holds
     * follow through {@link #onEvent}. Also called on an open stream when Herald's node may have missed events (its
     * Redis subscription dropped and came back); live events then follow.
     */
    default void onHistoryGone(HistoryGone gone) {
    }

    /**
     * Herald ended the stream because its token expired. The source reconnects after its retry delay with the headers
     * its supplier gives then (a fresh token; {@link EventSource.Builder#headers}) and resumes from its last event id,
     * so nothing is lost; no {@link #onError} is reported for this end. A token still expired then is answered 401,
     * which is reported to {@code onError} and, unless the {@link RetryPolicy} retries 401, stops the source.
     */
    default void onTokenExpired(TokenExpired expired) {
    }

    /**
     * A connection attempt or an open connection failed; the exception's class says how. The source reconnects after
     * a delay unless it is an {@link HttpStatusException} its {@link RetryPolicy} does not retry or a
     * {@link ContentTypeException}; then {@link #onClosed()} follows.
     */
    default void onError(EventSourceException error) {
    }

    /**
     * The source stopped for good: {@link EventSource#close()}, a 204 No Content, or an error that is not retried.
     * The last call; the source's own threads end after it.
     */
    default void onClosed() {
    }
}
