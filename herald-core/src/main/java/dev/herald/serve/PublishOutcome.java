package dev.herald.serve;

import dev.herald.publish.PublishFailure;
import dev.herald.publish.PublishInFlightException;
import dev.herald.publish.PublishReceipt;
import dev.herald.publish.PublishedBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a publish ended, for the adapter to render through a {@link Renderer}: a new case is a compile error in every
 * adapter that does not render it yet.
 */
public sealed interface PublishOutcome permits Refused, PublishOutcome.Published, PublishOutcome.BatchPublished {

    /** Calls the renderer's method for this case. */
    <R> R render(Renderer<R> renderer);

    /** One method per case of a publish's outcome. */
    interface Renderer<R> {
        /** Answer the refusal: its status, headers and JSON body. */
        R refused(Refused refused);

        /** Answer 200 with {@link Published#body()}. */
        R published(Published published);

        /** Answer {@link BatchPublished#status()} with {@link BatchPublished#headers()} and {@link BatchPublished#body()}. */
        R batchPublished(BatchPublished batch);
    }

    /**
     * The broker took the event, under {@code id}; or, when {@code replayed}, a publish with the same idempotency key
     * did within the window, and this repeat published nothing (answered with {@value #REPLAYED_HEADER}{@code : true}).
     */
    record Published(String id, boolean replayed) implements PublishOutcome {

        /** The header that marks a repeat's answer. */
        public static final String REPLAYED_HEADER = "Idempotency-Replayed";

        /** A publish just made. */
        public Published(String id) {
            this(id, false);
        }

        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.published(this);
        }

        /** {@code {"status":"success","id":"..."}}. */
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "success");
            body.put("id", id);
            return body;
        }

        /** {@link #body()} encoded in UTF-8. */
        public byte[] json() {
            return Refused.Json.bytes(body());
        }
    }

    /**
     * A batch was admitted and published as far as it went: 200 when every item was published (or answered by its
     * idempotency key), 409 with {@code Retry-After: 1} when an item's key was held by a publish still under way, else
     * 503 (the broker failed an item: see {@link PublishedBatch}). The body lists each item's outcome in order:
     * {@code {"status":"success","id"}} (with {@code "replayed":true} for an item its key answered), or
     * {@code {"status":"error","message"}} for the item that stopped the batch and for those after it, which were not
     * published.
     */
    record BatchPublished(PublishedBatch batch) implements PublishOutcome {

        @Override
        public <R> R render(Renderer<R> renderer) {
            return renderer.batchPublished(this);
        }

        /** 200, 409 when an item's key was in flight, or 503 when the broker failed an item. */
        public int status() {
            if (batch.complete()) {
                return 200;
            }
            return batch.failure() instanceof PublishInFlightException ? 409 : 503;
        }

        /** {@code {"status":"success","results":[...]}}, or with {@code "error"} and a message when not complete. */
        public Map<String, Object> body() {
            List<Map<String, Object>> results = new ArrayList<>(batch.size());
            for (PublishReceipt receipt : batch.receipts()) {
                Map<String, Object> result = new Published(receipt.id()).body();
                if (receipt.replayed()) {
                    result.put("replayed", true);
                }
                results.add(result);
            }
            int failed = batch.receipts().size();
            for (int index = failed; index < batch.size(); index++) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("status", "error");
                result.put("message", index != failed ? "not published: item [" + failed + "] failed before it"
                        : status() == 409 ? PublishInFlightException.MESSAGE : PublishFailure.of(batch.failure()).message());
                results.add(result);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", batch.complete() ? "success" : "error");
            if (!batch.complete()) {
                body.put("message", "item [" + failed + "] could not be published; the items before it were, the "
                        + "items after it were not");
            }
            body.put("results", results);
            return body;
        }

        /** {@link #body()} encoded in UTF-8. */
        public byte[] json() {
            return Refused.Json.bytes(body());
        }

        /**
         * The headers to answer with: {@code Retry-After: 1} with a 409 (an item's key in flight), {@code Retry-After}
         * when the batch stopped at an item that waited too long for room under the node's delivery backlog; else none.
         */
        public Map<String, String> headers() {
            if (status() == 409) {
                return PublishService.RETRY_SHORTLY;
            }
            long retryAfter = batch.failure() == null ? 0 : PublishFailure.of(batch.failure()).retryAfterSeconds();
            return retryAfter > 0 ? Map.of("Retry-After", Long.toString(retryAfter)) : Map.of();
        }
    }
}
