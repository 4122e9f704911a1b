package dev.herald.examples.embed;

import dev.herald.publish.Publication;
import dev.herald.vertx.Herald;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** One event on the order's channel and on the customer's, with one id; safe to retry with the same key. */
public final class OrderShipped {

    private OrderShipped() {
    }

    public static CompletionStage<String> publish(Herald herald, int order, String customer) {
        return herald.publish(Publication.builder()
                .channels("orders", "customer-" + customer)
                .type("shipped")
                .data(Map.of("order", order))
                .idempotencyKey("order-" + order + "-shipped")
                .build());
    }
}
