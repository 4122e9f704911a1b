package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import java.util.OptionalInt;

/**
 * Where the health, readiness and metrics endpoints are served.
 *
 * @param port        a port of their own on the server's host, serving only them (option {@code management-port};
 *                    0 to 65535, 0 for a free one); empty to serve them on the application's port
 * @param metricsPath the path of the Prometheus text (option {@code metrics-path}): starts with {@code /}, no spaces,
 *                    neither {@code /health} nor {@code /ready}
 * @throws InvalidOptionException when a value is out of range
 */
public record ManagementOptions(OptionalInt port, String metricsPath) {

    public static final String HEALTH_PATH = "/health";
    public static final String READY_PATH = "/ready";

    public ManagementOptions {
        OptionChecks.present("management-port", port);
        port.ifPresent(value -> OptionChecks.between("management-port", value, 0, 65535));
        OptionChecks.present("metrics-path", metricsPath);
        if (!metricsPath.startsWith("/") || metricsPath.chars().anyMatch(c -> Character.isWhitespace(c) || c == '?' || c == '#')) {
            throw new InvalidOptionException("metrics-path", "must be a path starting with /, without spaces, ? or #, got '"
                    + metricsPath + "'");
        }
        if (metricsPath.equals(HEALTH_PATH) || metricsPath.equals(READY_PATH)) {
            throw new InvalidOptionException("metrics-path", "must differ from " + HEALTH_PATH + " and " + READY_PATH
                    + ", got " + metricsPath);
        }
    }

    /** On the application's port, metrics at {@code /metrics}. */
    public static ManagementOptions defaults() {
        return new ManagementOptions(OptionalInt.empty(), "/metrics");
    }

    /** The same paths on a port of their own. */
    public ManagementOptions withPort(int newPort) {
        return new ManagementOptions(OptionalInt.of(newPort), metricsPath);
    }
}
