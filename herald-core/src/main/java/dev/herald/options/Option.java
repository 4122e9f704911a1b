package dev.herald.options;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One option, declared once: its key, type, default, unit, one-sentence description and check. The options record
 * that holds the value declares it next to itself ({@code LimitsOptions.MAX_STREAMS}) and runs its {@link #check}
 * where the record is built; the command line (flag {@code --<key>}, environment variable {@link #env()}, key
 * {@code <key>} of a configuration file), the Spring properties ({@code herald.<key>}) and the docs tables are derived from the declaration or tested against it.
 *
 * <p>A default is one of three kinds: a value ({@link #defaultValue()}); none, for an option that may be left out;
 * or derived from other values when the record is built ({@link #derivedDefault()}, a phrase such as
 * "twice publish-rate" that the help and the docs print, while the record's builder computes it).
 *
 * @param <T> the type of the value
 */
public final class Option<T> {

    /** The unit of an option counted in bytes, written {@code 64KiB} on the command line. */
    public static final String BYTES = "bytes";

    private final String key;
    private final Class<T> type;
    private final T defaultValue;
    private final String derivedDefault;
    private final String unit;
    private final String description;
    private final Check<T> check;
    private final String deprecatedEnv;
    private final boolean secret;

    private Option(String key, Class<T> type, T defaultValue, String derivedDefault, String unit, String description,
                   Check<T> check, String deprecatedEnv, boolean secret) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.derivedDefault = derivedDefault;
        this.unit = unit;
        this.description = description;
        this.check = check;
        this.deprecatedEnv = deprecatedEnv;
        this.secret = secret;
    }

    /** A declaration with no default, no unit, no description yet, that accepts any value. */
    public static <T> Option<T> of(String key, Class<T> type) {
        if (!key.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("an option key is kebab-case, like max-streams; got " + key);
        }
        return new Option<>(key, type, null, null, null, null, Check.any(), null, false);
    }

    /** The same option with the default {@code value}. */
    public Option<T> defaultsTo(T value) {
        return new Option<>(key, type, Objects.requireNonNull(value), null, unit, description, check, deprecatedEnv, secret);
    }

    /** The same option with a default that its record computes from other values, as {@code phrase} says. */
    public Option<T> defaultsToDerived(String phrase) {
        return new Option<>(key, type, null, phrase, unit, description, check, deprecatedEnv, secret);
    }

    /** The same option counted in {@code newUnit} ("streams", {@link #BYTES}). */
    public Option<T> unit(String newUnit) {
        return new Option<>(key, type, defaultValue, derivedDefault, newUnit, description, check, deprecatedEnv, secret);
    }

    /** The same option with its one-sentence description (no final full stop). */
    public Option<T> description(String sentence) {
        return new Option<>(key, type, defaultValue, derivedDefault, unit, sentence, check, deprecatedEnv, secret);
    }

    /** The same option with its check. */
    public Option<T> check(Check<T> newCheck) {
        return new Option<>(key, type, defaultValue, derivedDefault, unit, description, newCheck, deprecatedEnv, secret);
    }

    /**
     * The same option, also read from {@code variable}, an older name than {@code HERALD_<KEY>} that users may still
     * set ({@code REDIS_URL}): read only when {@link #env()} is not set, and reported as deprecated at start.
     */
    public Option<T> deprecatedEnv(String variable) {
        if (!variable.matches("[A-Z][A-Z0-9_]*") || variable.startsWith("HERALD_")) {
            throw new IllegalArgumentException("a deprecated variable is an older name than HERALD_<KEY>, like "
                    + "REDIS_URL; got " + variable);
        }
        return new Option<>(key, type, defaultValue, derivedDefault, unit, description, check, variable, secret);
    }

    /** The same option, whose value is never printed (help, logs). */
    public Option<T> secret() {
        return new Option<>(key, type, defaultValue, derivedDefault, unit, description, check, deprecatedEnv, true);
    }

    /**
     * The same declaration under another key, where a surface names it differently (Spring's {@code herald.loops}
     * for {@code event-loops}): the same default, description and check, refusals naming {@code otherKey}.
     */
    public Option<T> alias(String otherKey) {
        return new Option<>(otherKey, type, defaultValue, derivedDefault, unit, description, check, deprecatedEnv, secret);
    }

    /** Checks {@code value} as the record does: returns it (perhaps normalised) or throws {@link InvalidOptionException}. */
    public T check(T value) {
        return check.apply(key, value);
    }

    /** The kebab-case key: {@code --<key>} on the command line, {@code herald.<key>} in Spring. */
    public String key() {
        return key;
    }

    public Class<T> type() {
        return type;
    }

    /** Whether the option has a default value (neither none nor derived). */
    public boolean hasDefaultValue() {
        return defaultValue != null;
    }

    /**
     * The default value.
     *
     * @throws IllegalStateException when the option has none, or a derived one
     */
    public T defaultValue() {
        if (defaultValue == null) {
            throw new IllegalStateException(key + " has no default value" + derivedDefault().map(d -> ": it is " + d)
                    .orElse("") + "; ask hasDefaultValue() first");
        }
        return defaultValue;
    }

    /** The phrase of a default that the record derives from other values ("twice publish-rate"), if it is one. */
    public Optional<String> derivedDefault() {
        return Optional.ofNullable(derivedDefault);
    }

    /** What it counts ("streams", {@link #BYTES}), if it is a number. */
    public Optional<String> unit() {
        return Optional.ofNullable(unit);
    }

    /** One sentence, without a final full stop. */
    public String description() {
        return description;
    }

    /** The environment variable that sets it on the command line: {@code HERALD_<KEY>}, for every option. */
    public String env() {
        return "HERALD_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The older variable still read when {@link #env()} is not set, if the option had one ({@code REDIS_URL}). */
    public Optional<String> deprecatedEnv() {
        return Optional.ofNullable(deprecatedEnv);
    }

    /** Whether its value must never be printed. */
    public boolean isSecret() {
        return secret;
    }

    /**
     * The default as the command line reads it ({@code 15s}, {@code 256KiB}, {@code 100}), or null when the option has
     * no default value.
     */
    public String defaultText() {
        return defaultValue == null ? null : format(defaultValue);
    }

    /** A value as the command line writes it: durations as {@code 15s}, byte counts as {@code 256KiB}. */
    public String format(T value) {
        if (value instanceof Duration duration) {
            return OptionChecks.format(duration);
        }
        if (value instanceof Integer bytes && BYTES.equals(unit)) {
            int number = bytes;
            if (number != 0 && number % (1024 * 1024) == 0) {
                return number / (1024 * 1024) + "MiB";
            }
            return number != 0 && number % 1024 == 0 ? number / 1024 + "KiB" : Integer.toString(number);
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return "--" + key;
    }
}
