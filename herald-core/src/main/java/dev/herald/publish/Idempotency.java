package dev.herald.publish;

import dev.herald.options.Check;
import dev.herald.options.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node remembers the {@code Idempotency-Key} of publishes: where ({@link IdempotencyStore}) and for how long
 * ({@link #WINDOW}). A repeat within the window answers the first publish's id and publishes nothing.
 *
 * @param store  the node's store: in memory, or the Redis broker's (shared by every node of the same Redis)
 * @param window {@link #WINDOW}
 */
public record Idempotency(IdempotencyStore store, Duration window) {

    public static final Option<Duration> WINDOW = Option.of("idempotency-window", Duration.class)
            .defaultsTo(Duration.ofMinutes(5)).check(Check.positive())
            .description("How long a publish's Idempotency-Key is remembered: a repeat within it answers the first "
                    + "id and publishes nothing");

    public Idempotency {
        Objects.requireNonNull(store, "idempotency store");
        WINDOW.check(window);
    }

    /** A store of this node's own memory, with the default {@link #WINDOW}. */
    public static Idempotency memory() {
        return new Idempotency(new MemoryIdempotencyStore(), WINDOW.defaultValue());
    }
}
