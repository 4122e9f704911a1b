package dev.herald.server;

import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import java.util.Locale;

/**
 * How the runnable server logs (on standard error, through Logback; see {@link LogSetup}): the format of each line,
 * the level of each logger, and whether each request gets an access-log line ({@link AccessLog}).
 *
 * @param format    {@link #LOG_FORMAT}
 * @param levels    {@link #LOG_LEVEL}
 * @param accessLog {@link #ACCESS_LOG}
 * @throws InvalidOptionException when a value is not one Herald knows
 */
public record LogOptions(Format format, LogLevels levels, boolean accessLog) {

    /** The shape of each log line. */
    public enum Format {
        /** One line of text: {@code 2026-12-07 10:00:00 INFO dev.herald.X: message}, an exception's trace after it. */
        TEXT,
        /** One JSON object per line (Logback's {@code JsonEncoder}): timestamp, level, logger, thread, message, throwable. */
        JSON;

        /** As the option writes it: {@code text}, {@code json}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Option<String> LOG_FORMAT = Option.of("log-format", String.class).defaultsTo("text")
            .check(Check.oneOf("text", "json"))
            .description("Format of the log on standard error: text (a line of time, level, logger and message) or "
                    + "json (one JSON object per line, for a log collector)");

    public static final Option<String> LOG_LEVEL = Option.of("log-level", String.class).defaultsTo("info")
            .check((option, text) -> LogLevels.parse(option, text).toString())
            .description("Level of every logger, and of loggers by name: info, or warn,dev.herald=debug,io.netty=error "
                    + "(trace, debug, info, warn, error, off)");

    public static final Option<Boolean> ACCESS_LOG = Option.of("access-log", Boolean.class).defaultsTo(false)
            .description("Log one line per request when it ends, on the logger " + AccessLog.LOGGER + ": method, "
                    + "path (tokens redacted), status, bytes sent, milliseconds and client address; a stream's when it "
                    + "closes");

    public LogOptions {
        OptionChecks.present(LOG_FORMAT.key(), format);
        OptionChecks.present(LOG_LEVEL.key(), levels);
    }

    /** Reads the options' values as the command line gives them. */
    public static LogOptions of(String format, String levels, boolean accessLog) {
        return new LogOptions(Format.valueOf(LOG_FORMAT.check(format).toUpperCase(Locale.ROOT)),
                LogLevels.parse(LOG_LEVEL.key(), levels), accessLog);
    }

    /** Text, info and above, no access log. */
    public static LogOptions defaults() {
        return of(LOG_FORMAT.defaultValue(), LOG_LEVEL.defaultValue(), ACCESS_LOG.defaultValue());
    }
}
