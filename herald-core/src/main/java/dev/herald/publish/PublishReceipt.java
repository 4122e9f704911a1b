package dev.herald.publish;

/**
 * What a publish got: the event's id, and whether it is the answer of an earlier publish with the same idempotency key
 * within the window (then this one published nothing).
 *
 * @param id       the event's id
 * @param replayed true when a publish with the same key made the event and this repeat published nothing
 */
public record PublishReceipt(String id, boolean replayed) {
}
