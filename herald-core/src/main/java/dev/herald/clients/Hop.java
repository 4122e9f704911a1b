package dev.herald.clients;

import java.util.regex.Pattern;

/**
 * One node a request passed, as a forwarding header names it: an IP address, or RFC 7239's {@code unknown} or an
 * obfuscated identifier ({@code _hidden}); its port, if written, is dropped.
 *
 * @param key the client key the limits count by: the address's canonical text, or the identifier as written
 * @param ip  the address, or null for {@code unknown} and an obfuscated identifier
 */
record Hop(String key, IpAddress ip) {

    private static final Pattern PORT = Pattern.compile("\\d{1,5}|_[A-Za-z0-9._-]+");
    private static final Pattern OBFUSCATED = Pattern.compile("_[A-Za-z0-9._-]+");

    /**
     * The node written in {@code text}: {@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code [2001:db8::1]},
     * {@code [2001:db8::1]:80}, {@code 2001:db8::1} (bare, as X-Forwarded-For writes it), {@code unknown}, {@code _x}
     * (RFC 7239 6); null when it is none of these.
     */
    static Hop parse(String text) {
        String name = text;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !portOrNothing(text.substring(close + 1))) {
                return null;
            }
            name = text.substring(0, close + 1);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            int colon = text.indexOf(':');
            if (!portOrNothing(text.substring(colon))) {
                return null;
            }
            name = text.substring(0, colon);
        }
        if (name.equalsIgnoreCase("unknown")) {
            return new Hop("unknown", null);
        }
        if (OBFUSCATED.matcher(name).matches()) {
            return new Hop(name, null);
        }
        IpAddress ip = IpAddress.parse(name);
        return ip == null ? null : new Hop(ip.text(), ip);
    }

    private static boolean portOrNothing(String rest) {
        return rest.isEmpty() || rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches();
    }
}
