package dev.herald.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryIdempotencyStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final AtomicLong nanos = new AtomicLong();
    private final MemoryIdempotencyStore store = new MemoryIdempotencyStore(nanos::get, 3);

    private IdempotencyStore.Claim claim(String key) {
        return store.claim(key, WINDOW).toCompletableFuture().join();
    }

    @Test
    void aKeyIsClaimedThenInFlightThenReplayedWithItsId() {
        assertThat(claim("k")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        assertThat(claim("k")).isInstanceOf(IdempotencyStore.Claim.InFlight.class);

        store.complete("k", "1-0", WINDOW);

        assertThat(claim("k")).isEqualTo(new IdempotencyStore.Claim.Replay("1-0"));
    }

    @Test
    void aKeyIsForgottenAtTheEndOfItsWindow() {
        claim("k");
        store.complete("k", "1-0", WINDOW);

        nanos.addAndGet(WINDOW.toNanos() - 1);
        assertThat(claim("k")).isEqualTo(new IdempotencyStore.Claim.Replay("1-0"));
        nanos.addAndGet(1);
        assertThat(claim("k")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
    }

    @Test
    void aReleasedKeyMayBeClaimedAgain() {
        claim("k");
        store.release("k");

        assertThat(claim("k")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
    }

    @Test
    void aFullStoreForgetsTheOldestKeyFirst() {
        claim("a");
        claim("b");
        claim("c");
        claim("d");

        assertThat(store.size()).isEqualTo(3);
        assertThat(claim("b")).isInstanceOf(IdempotencyStore.Claim.InFlight.class);
        assertThat(claim("a")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
    }
}
