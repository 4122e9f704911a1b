package dev.herald.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * How far a batch got: the receipts of the items published (or answered by an earlier publish with the same
 * idempotency key), in order, and the failure that stopped it. Items are published one after the other; when one fails
 * ({@code failure} set: the broker failed it, whose fate is then unknown (see {@link dev.herald.broker.Broker}: it may
 * have reached someone), or its key is held by a publish still under way, {@link PublishInFlightException}) the items
 * after it were not published.
 *
 * @param size     how many items the batch has
 * @param receipts the receipts of the first {@code receipts.size()} items
 * @param failure  null when every item was published, else what item {@code receipts.size()} failed with
 */
public record PublishedBatch(int size, List<PublishReceipt> receipts, Throwable failure) {

    public PublishedBatch {
        receipts = List.copyOf(receipts);
    }

    /** A batch of {@code size} items before its first publish. */
    static PublishedBatch started(int size) {
        return new PublishedBatch(size, List.of(), null);
    }

    /** This batch once its next item's publish ended with {@code receipt} or {@code error}. */
    PublishedBatch next(PublishReceipt receipt, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return new PublishedBatch(size, receipts, cause);
        }
        List<PublishReceipt> more = new ArrayList<>(receipts);
        more.add(receipt);
        return new PublishedBatch(size, more, null);
    }

    /** The ids of the items published (or replayed), in order. */
    public List<String> ids() {
        return receipts.stream().map(PublishReceipt::id).toList();
    }

    /** True when every item was published. */
    public boolean complete() {
        return failure == null && receipts.size() == size;
    }
}
