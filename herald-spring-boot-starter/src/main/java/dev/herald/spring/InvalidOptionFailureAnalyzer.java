package dev.herald.spring;

import dev.herald.options.InvalidOptionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A refused Herald option as the one reason the application did not start: "Invalid value for herald.heartbeat:
 * must be positive, got 0s", instead of a chain of bean-creation errors.
 */
public final class InvalidOptionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOptionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidOptionException cause) {
        String property = propertyOf(cause.option());
        return new FailureAnalysis("Invalid value for " + property + ": " + cause.problem(),
                "Change " + property + " in the application's configuration (see the herald.* properties).", cause);
    }

    /** The property that carries an option: its key under {@code herald.}, but the Redis URL, which has a group. */
    static String propertyOf(String option) {
        if (option.startsWith("redis-wait-") || option.equals("redis-linger")) {
            return "herald.redis." + option.substring("redis-".length()); // grouped with the Redis connection
        }
        return option.equals("redis") ? "herald.redis.url" : "herald." + option;
    }
}
