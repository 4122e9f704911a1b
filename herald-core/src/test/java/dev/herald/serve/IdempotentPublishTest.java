package dev.herald.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.publish.Idempotency;
import dev.herald.publish.MemoryIdempotencyStore;
import dev.herald.sse.InvalidEventException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IdempotentPublishTest {

    private final MemoryIdempotencyStore store = new MemoryIdempotencyStore();
    private final IdempotentPublish idempotent = new IdempotentPublish(new Idempotency(store, Duration.ofMinutes(5)));
    private final AtomicInteger published = new AtomicInteger();

    private Supplier<CompletionStage<String>> publishing(CompletableFuture<String> result) {
        return () -> {
            published.incrementAndGet();
            return result;
        };
    }

    private PublishOutcome publish(String key, CompletableFuture<String> result) {
        return idempotent.publish(key, publishing(result)).toCompletableFuture().join();
    }

    @Test
    void aRepeatWhileTheFirstIsUnderWayIsA409RetryAfterOneAndPublishesNothing() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletionStage<PublishOutcome> firstOutcome = idempotent.publish("k", publishing(first));

        PublishOutcome repeat = publish("k", CompletableFuture.completedFuture("never"));

        assertThat(repeat).isEqualTo(new Refused(409, IdempotentPublish.IN_FLIGHT_MESSAGE,
                java.util.Map.of("Retry-After", "1")));
        assertThat(published).hasValue(1);
        first.complete("1-0");
        assertThat(firstOutcome.toCompletableFuture().join()).isEqualTo(new PublishOutcome.Published("1-0"));
        assertThat(publish("k", CompletableFuture.completedFuture("never")))
                .isEqualTo(new PublishOutcome.Published("1-0", true));
        assertThat(published).hasValue(1);
    }

    @Test
    void aFailedPublishForgetsItsKeySoARetryPublishes() {
        // A refusal (400) rather than a 503, which would log a warning: the key is released either way.
        PublishOutcome failed = publish("k", CompletableFuture.failedFuture(
                new InvalidEventException("id must not be empty")));
        PublishOutcome retried = publish("k", CompletableFuture.completedFuture("2-0"));

        assertThat(failed).isInstanceOf(Refused.class);
        assertThat(((Refused) failed).status()).isEqualTo(400);
        assertThat(retried).isEqualTo(new PublishOutcome.Published("2-0"));
        assertThat(published).hasValue(2);
    }
}
