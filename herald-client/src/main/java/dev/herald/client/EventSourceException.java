package dev.herald.client;

/**
 * Why a connection of an {@link EventSource} failed, as its listener's {@link EventSourceListener#onError} receives
 * it. One subclass per failure: {@link HttpStatusException}, {@link ContentTypeException},
 * {@link ReadTimeoutException}, {@link ConnectionException}.
 */
public abstract class EventSourceException extends Exception {

    private static final long serialVersionUID = 1L;

    EventSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
