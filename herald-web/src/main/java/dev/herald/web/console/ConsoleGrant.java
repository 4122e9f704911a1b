package dev.herald.web.console;

import java.time.Instant;

/**
 * Why a request may use the console: {@code open} without a token (a loopback bind and a client on this machine), or
 * with an admin token valid until {@code adminUntil}, or both.
 *
 * @param open       whether the console is open to this request without a token
 * @param adminUntil the admin token's expiry, or null when the request brings none that is valid
 */
public record ConsoleGrant(boolean open, Instant adminUntil) {

    /** Whether the request brings a valid admin token. */
    public boolean admin() {
        return adminUntil != null;
    }
}
