package dev.herald.options;

import java.time.Duration;

/** The checks options records make, with one wording for all of them. Each throws {@link InvalidOptionException}. */
public final class OptionChecks {

    private OptionChecks() {
    }

    /** A duration above zero. */
    public static Duration positive(String option, Duration value) {
        present(option, value);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidOptionException(option, "must be positive, got " + format(value));
        }
        return value;
    }

    /** A duration of zero or more. */
    public static Duration notNegative(String option, Duration value) {
        present(option, value);
        if (value.isNegative()) {
            throw new InvalidOptionException(option, "must be zero or more, got " + format(value));
        }
        return value;
    }

    /** A number of at least {@code min}; {@code unit} names what is counted, as in "at least 1024 bytes". */
    public static long atLeast(String option, long value, long min, String unit) {
        if (value < min) {
            throw new InvalidOptionException(option, "must be at least " + min + " " + unit + ", got " + value);
        }
        return value;
    }

    /** A number from {@code min} to {@code max}. */
    public static long between(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidOptionException(option, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A value that is given. */
    public static <T> T present(String option, T value) {
        if (value == null) {
            throw new InvalidOptionException(option, "must be given");
        }
        return value;
    }

    /** A duration as the options are written: {@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h}. */
    public static String format(Duration value) {
        long millis = value.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
