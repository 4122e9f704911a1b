package dev.herald.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations ({@code 15s}, {@code 250ms}, {@code 2m}, {@code 1h}, {@code PT15S}) and sizes ({@code 65536}, {@code 64KiB}, {@code 1m}). */
final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    private Units() {
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                Duration duration = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                duration.toMillis(); // every duration Herald takes is used in milliseconds
                return duration;
            } catch (ArithmeticException | NumberFormatException tooLong) {
                throw new TypeConversionException("'" + text + "' is too long a duration");
            }
        }
        try {
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + text + "' is not a duration; write it like 15s, 250ms, 2m or 1h");
        }
    }

    static int bytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + text + "' is not a size; write it like 65536, 64KiB or 1MiB");
        }
        long unit = switch (m.group(2)) {
            case "", "b" -> 1;
            case "k", "kb", "kib" -> 1024;
            case "m", "mb", "mib" -> 1024 * 1024;
            default -> 1024 * 1024 * 1024;
        };
        try {
            long total = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            if (total <= Integer.MAX_VALUE) {
                return (int) total;
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            // reported below, as any size over the limit
        }
        throw new TypeConversionException("'" + text + "' is larger than 2 GiB");
    }

    /** The items of a comma-separated list, trimmed; none for a blank text. */
    static List<String> commaList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",", -1)).map(String::trim).toList();
    }

    /** picocli converter for durations. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    /** picocli converter for sizes in bytes. */
    static final class SizeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return bytes(value);
        }
    }
}
