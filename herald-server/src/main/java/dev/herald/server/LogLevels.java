package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The level of every logger and of some by name, as {@code --log-level} writes them: comma-separated items, each a
 * level ({@code info}: every logger's) or {@code <logger>=<level>} ({@code dev.herald=debug}, a logger and the loggers
 * under it). The levels are SLF4J's, in any case, and {@code off}.
 *
 * @param root     the level of every logger not named
 * @param byLogger the named loggers' levels, in the order given
 */
public record LogLevels(String root, Map<String, String> byLogger) {

    /** SLF4J's levels and Logback's {@code off}, from the most to the least said. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    /** A logger's name: Java's dotted names (and {@code $} of nested classes, {@code -} of some libraries). */
    private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*(\\.[A-Za-z_$][A-Za-z0-9_$-]*)*");

    public LogLevels {
        byLogger = Collections.unmodifiableMap(new LinkedHashMap<>(byLogger));
    }

    /**
     * Reads {@code text} for the option {@code option}.
     *
     * @throws InvalidOptionException naming the item that is not a level or not {@code <logger>=<level>}
     */
    public static LogLevels parse(String option, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidOptionException(option, "must be a level (" + String.join(", ", LEVELS)
                    + ") or logger=level items, got nothing");
        }
        String root = null;
        Map<String, String> byLogger = new LinkedHashMap<>();
        for (String item : text.split(",", -1)) {
            String trimmed = item.trim();
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                String level = level(option, trimmed);
                if (root != null) {
                    throw new InvalidOptionException(option, "gives the level of every logger twice ('" + root + "' and '"
                            + level + "'); name a logger as logger=level");
                }
                root = level;
                continue;
            }
            String logger = trimmed.substring(0, equals).trim();
            if (!LOGGER_NAME.matcher(logger).matches()) {
                throw new InvalidOptionException(option, "item '" + trimmed + "' does not name a logger; write "
                        + "logger=level, as dev.herald=debug");
            }
            if (byLogger.put(logger, level(option, trimmed.substring(equals + 1).trim())) != null) {
                throw new InvalidOptionException(option, "gives the level of " + logger + " twice");
            }
        }
        return new LogLevels(root == null ? "info" : root, byLogger);
    }

    private static String level(String option, String word) {
        String level = word.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new InvalidOptionException(option, "'" + word + "' is not a level; use one of "
                    + String.join(", ", LEVELS));
        }
        return level;
    }

    /** As {@code --log-level} writes it: the root level first, then each named logger's. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(root);
        byLogger.forEach((logger, level) -> text.append(',').append(logger).append('=').append(level));
        return text.toString();
    }
}
