package dev.herald.client;

/**
 * The connection could not be made, broke, or was ended by the server (Herald ends its streams when it shuts down):
 * retried. The cause, when there is one, is the I/O error.
 */
public final class ConnectionException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
