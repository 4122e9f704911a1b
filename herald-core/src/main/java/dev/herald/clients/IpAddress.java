package dev.herald.clients;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address read from its literal text, never through a name lookup: four decimal octets, or an IPv6
 * literal (RFC 4291 2.2, with or without brackets, no zone). An IPv4-mapped IPv6 address is its IPv4 address.
 *
 * @param bytes 4 or 16 bytes, network order
 */
record IpAddress(byte[] bytes) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The address written in {@code text}, or null when it is not an IP address literal. */
    static IpAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        var v4 = IPV4.matcher(literal);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return new IpAddress(bytes);
        }
        if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
            return null;
        }
        try {
            // Bracketed and holding a colon, the JDK reads it as an IPv6 literal or refuses it: never a DNS lookup.
            InetAddress address = InetAddress.getByName("[" + literal + "]");
            return new IpAddress(address.getAddress());
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    /** The canonical text: dotted quad, or the JDK's full IPv6 form (as a server reports its peers). */
    String text() {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
