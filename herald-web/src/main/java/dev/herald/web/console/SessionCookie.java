package dev.herald.web.console;

import java.time.Duration;

/**
 * The {@code Set-Cookie} values of the console's session (RFC 6265): {@value ConsoleAccess#COOKIE} holding an admin
 * token, for the console's path only, {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's
 * page sends it), {@code Secure} when the request came over HTTPS, and living as long as the token.
 */
final class SessionCookie {

    private SessionCookie() {
    }

    /** The cookie holding {@code token}, which expires in {@code life} (0 when it has passed). */
    static String holding(String token, Duration life, String path, boolean secure) {
        return ConsoleAccess.COOKIE + "=" + token + attributes(path, Math.max(0, life.toSeconds()), secure);
    }

    /** The cookie cleared: empty, and expired now. */
    static String cleared(String path, boolean secure) {
        return ConsoleAccess.COOKIE + "=" + attributes(path, 0, secure);
    }

    private static String attributes(String path, long maxAgeSeconds, boolean secure) {
        return "; Path=" + path + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
