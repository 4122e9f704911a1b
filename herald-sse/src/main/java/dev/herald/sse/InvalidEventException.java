package dev.herald.sse;

/**
 * An event field holds something that the SSE wire format cannot carry without changing its meaning,
 * such as a line break inside an {@code id} or {@code event}, which would let a publisher inject fields.
 */
public class InvalidEventException extends IllegalArgumentException {

    public InvalidEventException(String message) {
        super(message);
    }
}
