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

    /** The longest idempotency key, in characters. */
    public static final int MAX_KEY_LENGTH = 200;

    /**
     * Returns an idempotency key of the allowed form: 1 to {@value #MAX_KEY_LENGTH} characters of printable ASCII (as
     * Stripe's and the IETF draft's keys are).
     *
     * @param name what to call it in the message (the header or field it came from)
     * @throws InvalidIdempotencyKeyException naming it when it is not of that form
     */
    public static String checkKey(String name, String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidIdempotencyKeyException(name + " must be 1 to " + MAX_KEY_LENGTH
                    + " characters, got " + key.length());
        }
        for (int index = 0; index < key.length(); index++) {
            char c = key.charAt(index);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidIdempotencyKeyException(name + " must be printable ASCII; character " + index
                        + " is not");
            }
        }
        return key;
    }

    /** A store of this node's own memory, with the default {@link #WINDOW}. */
    public static Idempotency memory() {
        return new Idempotency(new MemoryIdempotencyStore(), WINDOW.defaultValue());
    }
}
