package dev.herald.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * How far a batch got: the ids of the items published, in order, and the failure that stopped it. Items are
 * published one after the other; when the broker fails one ({@code failure} set), that item's fate is unknown (see
 * {@link dev.herald.broker.Broker}: it may have reached someone) and the items after it were not published.
 *
 * @param size    how many items the batch has
 * @param ids     the ids of the first {@code ids.size()} items, which were published
 * @param failure null when every item was published, else what the broker answered for item {@code ids.size()}
 */
public record PublishedBatch(int size, List<String> ids, Throwable failure) {

    public PublishedBatch {
        ids = List.copyOf(ids);
    }

    /** A batch of {@code size} items before its first publish. */
    static PublishedBatch started(int size) {
        return new PublishedBatch(size, List.of(), null);
    }

    /** This batch once its next item's publish ended with {@code id} or {@code error}. */
    PublishedBatch next(String id, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return new PublishedBatch(size, ids, cause);
        }
        List<String> more = new ArrayList<>(ids);
        more.add(id);
        return new PublishedBatch(size, more, null);
    }

    /** True when every item was published. */
    public boolean complete() {
        return failure == null && ids.size() == size;
    }
}
