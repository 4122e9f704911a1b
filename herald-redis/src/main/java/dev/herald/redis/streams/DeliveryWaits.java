package dev.herald.redis.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes of this node that wait until their event has been handed to this node's listeners, as the broker
 * contract promises of a completed publish. An event counts as handed over once the node has delivered it or any
 * later one: announcements arrive in one order on one connection, and catch-up fills what an outage skipped.
 *
 * <p>Confined to the subscription connection's context.
 */
final class DeliveryWaits {

    private record Wait(String channel, long order, CompletableFuture<Void> done) {
    }

    private final PriorityQueue<Wait> waiting = new PriorityQueue<>(Comparator.comparingLong(Wait::order));

    /** Waits for the event at {@code order} on {@code channel}; completes at once if {@code lastDelivered} is past it. */
    CompletableFuture<Void> await(String channel, long order, long lastDelivered) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (order <= lastDelivered) {
            done.complete(null);
        } else {
            waiting.add(new Wait(channel, order, done));
        }
        return done;
    }

    /** The node delivered the event at {@code order}: every wait up to it is over. */
    void delivered(long order) {
        while (!waiting.isEmpty() && waiting.peek().order() <= order) {
            waiting.poll().done().complete(null);
        }
    }

    /** Nobody on this node listens to {@code channel} any more: its waits are over, there is no one to hand to. */
    void released(String channel) {
        List<Wait> over = new ArrayList<>();
        waiting.removeIf(wait -> wait.channel().equals(channel) && over.add(wait));
        over.forEach(wait -> wait.done().complete(null));
    }

    /** A pattern was let go: the waits of every channel nobody on this node receives any more are over. */
    void releasedUnless(java.util.function.Predicate<String> stillReceived) {
        List<Wait> over = new ArrayList<>();
        waiting.removeIf(wait -> !stillReceived.test(wait.channel()) && over.add(wait));
        over.forEach(wait -> wait.done().complete(null));
    }

    /** The node is closing: every wait fails with {@code reason}. */
    void failAll(RuntimeException reason) {
        List<Wait> over = new ArrayList<>(waiting);
        waiting.clear();
        over.forEach(wait -> wait.done().completeExceptionally(reason));
    }
}
