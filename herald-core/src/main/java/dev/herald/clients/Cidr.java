package dev.herald.clients;

import java.util.Arrays;

/**
 * A block of IP addresses, {@code 10.0.0.0/8} or {@code 2001:db8::/32} (RFC 4632, RFC 4291 2.3); a single address is
 * the block of its full length (/32, /128).
 *
 * @param network      the block's address, its bits past the prefix as written
 * @param prefixLength the leading bits that match, 0 to 32 (IPv4) or 128 (IPv6)
 */
record Cidr(IpAddress network, int prefixLength) {

    /** The block written in {@code text}, or null when it is not one (a prefix out of range, a name). */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        IpAddress network = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (network == null) {
            return null;
        }
        int bits = network.bytes().length * 8;
        if (slash < 0) {
            return new Cidr(network, bits);
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
            return null;
        }
        return new Cidr(network, Integer.parseInt(prefix));
    }

    /** Whether {@code address} is in this block; an address of the other family never is. */
    boolean contains(IpAddress address) {
        byte[] mine = network.bytes();
        byte[] theirs = address.bytes();
        if (mine.length != theirs.length) {
            return false;
        }
        int whole = prefixLength / 8;
        if (!Arrays.equals(mine, 0, whole, theirs, 0, whole)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (mine[whole] & mask) == (theirs[whole] & mask);
    }

    @Override
    public String toString() {
        return network.text() + "/" + prefixLength;
    }
}
