package dev.herald.publish;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Where the idempotency keys of publishes are remembered for a window, so that a repeat publishes nothing: in memory
 * for one node ({@link MemoryIdempotencyStore}), in Redis for every node of the same Redis (herald-redis's
 * {@code RedisIdempotencyStore}: {@code SET <prefix><key> "" NX PX <window>}).
 *
 * <p>A key is first {@link #claim claimed} (in flight), then {@link #complete completed} with the id its publish got, or
 * {@link #release released} when that publish failed, so that a retry may publish. Keys reach the store already scoped
 * to their publisher. A stage fails only when the store cannot be reached.
 */
public interface IdempotencyStore {

    /** Claims {@code key} for {@code window} unless it is held: {@link Claim.Claimed}, {@link Claim.InFlight} or {@link Claim.Replay}. */
    CompletionStage<Claim> claim(String key, Duration window);

    /** Records the id the claimed key's publish got, for {@code window} from now. */
    CompletionStage<Void> complete(String key, String id, Duration window);

    /** Forgets a claimed key whose publish failed. */
    CompletionStage<Void> release(String key);

    /** What {@link #claim} found. */
    sealed interface Claim {

        /** The key was free: it is now this publish's, which goes on. */
        record Claimed() implements Claim {
        }

        /** A publish with this key is still under way: nothing is known yet. */
        record InFlight() implements Claim {
        }

        /** A publish with this key was made within the window, under {@code id}. */
        record Replay(String id) implements Claim {
        }
    }
}
