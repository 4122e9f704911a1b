package dev.herald.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.InvalidEventException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class KeyedPublishTest {

    private final MemoryIdempotencyStore store = new MemoryIdempotencyStore();
    private final KeyedPublish keyed = new KeyedPublish(new Idempotency(store, Duration.ofMinutes(5)));
    private final AtomicInteger published = new AtomicInteger();

    private Supplier<CompletionStage<String>> publishing(CompletableFuture<String> result) {
        return () -> {
            published.incrementAndGet();
            return result;
        };
    }

    private PublishReceipt publish(String key, CompletableFuture<String> result) {
        return keyed.publish(key, publishing(result)).toCompletableFuture().join();
    }

    @Test
    void aRepeatWhileTheFirstIsUnderWayFailsInFlightAndPublishesNothing() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletionStage<PublishReceipt> firstReceipt = keyed.publish("k", publishing(first));

        Assertions.assertThatThrownBy(() -> publish("k", CompletableFuture.completedFuture("never")))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(PublishInFlightException.class);
        assertThat(published).hasValue(1);
        first.complete("1-0");
        assertThat(firstReceipt.toCompletableFuture().join()).isEqualTo(new PublishReceipt("1-0", false));
        assertThat(publish("k", CompletableFuture.completedFuture("never"))).isEqualTo(new PublishReceipt("1-0", true));
        assertThat(published).hasValue(1);
    }

    @Test
    void aFailedPublishForgetsItsKeySoARetryPublishes() {
        CompletionStage<PublishReceipt> failed = keyed.publish("k", publishing(CompletableFuture.failedFuture(
                new InvalidEventException("id must not be empty"))));
        PublishReceipt retried = publish("k", CompletableFuture.completedFuture("2-0"));

        assertThat(failed.toCompletableFuture()).isCompletedExceptionally();
        assertThat(retried).isEqualTo(new PublishReceipt("2-0", false));
        assertThat(published).hasValue(2);
    }
}
