package dev.herald.examples.embed;

import dev.herald.publish.Publication;
import dev.herald.publish.PublishedBatch;
import dev.herald.vertx.Herald;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** An order's events on two channels in one batch: none is published unless all are admitted, then in order. */
public final class OrderEvents {

    private OrderEvents() {
    }

    public static CompletionStage<PublishedBatch> created(Herald herald, int order) {
        return herald.publishAll(List.of(
                new Publication("orders", "created", Map.of("order", order), null, null),
                new Publication("billing", "invoice", Map.of("order", order), null, null)));
    }
}
