package dev.herald.options;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The rule an option's value must keep, as its declaration ({@link Option}) carries it. A check returns the value it
 * accepts (perhaps normalised) or throws {@link InvalidOptionException} naming the option, with one wording for all
 * options ({@link OptionChecks}).
 *
 * @param <T> the option's type
 */
@FunctionalInterface
public interface Check<T> {

    /** The accepted value, or an {@link InvalidOptionException} for {@code option}. */
    T apply(String option, T value);

    /** Any value, {@code null} included: an option that may be left out. */
    static <T> Check<T> any() {
        return (option, value) -> value;
    }

    /** Any value but {@code null}. */
    static <T> Check<T> present() {
        return OptionChecks::present;
    }

    /** A number of at least {@code min}; {@code unit} names what is counted, as in "at least 1 stream". */
    static Check<Integer> atLeast(int min, String unit) {
        return (option, value) -> {
            OptionChecks.present(option, value);
            OptionChecks.atLeast(option, value, min, unit);
            return value;
        };
    }

    /** A number from {@code min} to {@code max}, both included. */
    static Check<Integer> between(int min, int max) {
        return (option, value) -> {
            OptionChecks.present(option, value);
            OptionChecks.between(option, value, min, max);
            return value;
        };
    }

    /** A duration above zero. */
    static Check<Duration> positive() {
        return OptionChecks::positive;
    }

    /** A duration of zero or more. */
    static Check<Duration> notNegative() {
        return OptionChecks::notNegative;
    }

    /** One of {@code choices}, in any case; returned in lower case. */
    static Check<String> oneOf(String... choices) {
        List<String> allowed = List.of(choices);
        return (option, value) -> {
            String choice = OptionChecks.present(option, value).trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(choice)) {
                throw new InvalidOptionException(option, "must be " + String.join(" or ", allowed) + ", got " + value);
            }
            return choice;
        };
    }
}
