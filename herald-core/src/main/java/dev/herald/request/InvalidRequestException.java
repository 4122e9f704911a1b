package dev.herald.request;

/**
 * A request that names something Herald cannot serve (a bad channel name, too many channels, a cursor that is not
 * one): the client's error, answered 400 with this message by every HTTP adapter. Carries no stack trace.
 */
public final class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
