package dev.herald.clients;

import dev.herald.options.InvalidOptionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose forwarding headers Herald believes: the value of {@code trusted-proxies}, a comma-separated list
 * of IPv4 or IPv6 blocks in CIDR notation or single addresses ({@code 127.0.0.1, 10.0.0.0/8, fd00::/8}). Empty (the
 * default): no peer is trusted and every forwarding header is ignored. Immutable.
 */
public final class TrustedProxies {

    /** No proxy is trusted. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private final List<Cidr> blocks;
    private final String text;

    private TrustedProxies(List<Cidr> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    /**
     * The blocks written in {@code value}; null or blank is {@link #NONE}.
     *
     * @throws InvalidOptionException naming {@code option} and the first item that is not an address or a block
     */
    public static TrustedProxies parse(String option, String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        List<Cidr> blocks = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String trimmed = item.strip();
            Cidr block = Cidr.parse(trimmed);
            if (block == null) {
                throw new InvalidOptionException(option, "must be IP addresses or CIDR blocks (10.0.0.0/8, fd00::/8), "
                        + "comma-separated; \"" + trimmed + "\" is not one");
            }
            blocks.add(block);
        }
        return new TrustedProxies(List.copyOf(blocks), value.strip());
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} (an IP literal; anything else is not trusted) is one of the trusted proxies. */
    public boolean trusts(String address) {
        IpAddress ip = IpAddress.parse(address);
        return ip != null && trusts(ip);
    }

    boolean trusts(IpAddress address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The list as it was written. */
    @Override
    public String toString() {
        return text;
    }
}
