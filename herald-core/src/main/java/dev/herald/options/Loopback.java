package dev.herald.options;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host, as an option or a URL names it, is on this machine only. A rule that options share: the server's
 * GitHub webhook takes unsigned deliveries only on loopback, and the load harness drives only a server on loopback.
 */
public final class Loopback {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Loopback() {
    }

    /**
     * Whether {@code host} is {@code localhost} (any case), an IPv4 literal in {@code 127.0.0.0/8} or an IPv6 loopback
     * literal ({@code ::1}, bracketed or not). No name is ever looked up: any other name counts as not loopback, even
     * one that resolves to it, and so do the wildcards {@code 0.0.0.0} and {@code ::}, which listen on every interface.
     */
    public static boolean isLoopback(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.equals("localhost")) {
            return true;
        }
        if (IPV4_LITERAL.matcher(name).matches()) {
            String[] octets = name.split("\\.");
            for (String octet : octets) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(octets[0]) == 127;
        }
        if (!name.contains(":")) {
            return false;
        }
        try {
            // With a colon (and in brackets or not), InetAddress parses an IPv6 literal or refuses it: no name is looked up.
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException notALiteral) {
            return false;
        }
    }
}
