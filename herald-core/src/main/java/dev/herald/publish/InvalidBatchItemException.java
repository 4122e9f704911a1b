package dev.herald.publish;

/**
 * One publication of a batch was refused at the door, so none of the batch was published. The message starts with
 * the item's index, {@code [i].}, followed by the refusal's own words, which name the field
 * ({@code [2].channel name must not be empty}).
 */
public final class InvalidBatchItemException extends IllegalArgumentException {

    private final int index;

    public InvalidBatchItemException(int index, String message) {
        super("[" + index + "]." + message);
        this.index = index;
    }

    public InvalidBatchItemException(int index, IllegalArgumentException refusal) {
        super("[" + index + "]." + refusal.getMessage(), refusal);
        this.index = index;
    }

    /** The position of the refused item in the batch, from 0. */
    public int index() {
        return index;
    }
}
