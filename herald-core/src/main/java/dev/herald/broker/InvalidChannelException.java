package dev.herald.broker;

/** A channel name that Herald refuses: empty, longer than {@value ChannelNames#MAX_LENGTH} characters, or with control characters. */
public class InvalidChannelException extends IllegalArgumentException {

    public InvalidChannelException(String message) {
        super(message);
    }
}
