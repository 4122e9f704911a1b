package dev.herald.server;

import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import java.util.OptionalInt;

/**
 * Where the health, readiness and metrics endpoints are served.
 *
 * @param port        {@link #MANAGEMENT_PORT} (0 for a free one); empty to serve them on the application's port
 * @param metricsPath {@link #METRICS_PATH}
 * @throws InvalidOptionException when a value is out of range
 */
public record ManagementOptions(OptionalInt port, String metricsPath) {

    public static final String HEALTH_PATH = "/health";
    public static final String READY_PATH = "/ready";

    public static final Option<Integer> MANAGEMENT_PORT = Option.of("management-port", Integer.class)
            .check(Check.between(0, 65535))
            .description("Serve /health, /ready and the metrics only on this port, on the same host; without it they "
                    + "are served on the application's port, the metrics behind a publisher token when tokens are on");

    public static final Option<String> METRICS_PATH = Option.of("metrics-path", String.class).defaultsTo("/metrics")
            .check((option, path) -> {
                OptionChecks.present(option, path);
                if (!path.startsWith("/") || path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '?' || c == '#')) {
                    throw new InvalidOptionException(option, "must be a path starting with /, without spaces, ? or #, got '"
                            + path + "'");
                }
                if (path.equals(HEALTH_PATH) || path.equals(READY_PATH)) {
                    throw new InvalidOptionException(option, "must differ from " + HEALTH_PATH + " and " + READY_PATH
                            + ", got " + path);
                }
                return path;
            })
            .description("Path of the Prometheus metrics");

    public ManagementOptions {
        OptionChecks.present(MANAGEMENT_PORT.key(), port);
        port.ifPresent(MANAGEMENT_PORT::check);
        METRICS_PATH.check(metricsPath);
    }

    /** On the application's port, metrics at {@code /metrics}. */
    public static ManagementOptions defaults() {
        return new ManagementOptions(OptionalInt.empty(), METRICS_PATH.defaultValue());
    }

    /** The same paths on a port of their own. */
    public ManagementOptions withPort(int newPort) {
        return new ManagementOptions(OptionalInt.of(newPort), metricsPath);
    }
}
