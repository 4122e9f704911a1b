package dev.herald.clients;

import dev.herald.request.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Who the client is behind trusted proxies: its address (what the limits count by), and the scheme and host it asked
 * for (what the same-origin rule for a cookie compares the {@code Origin} with). Pure: request parts in, a value out.
 *
 * <p>The rule ({@link #resolve}): a peer that is not a {@link TrustedProxies trusted proxy} is the client, and no
 * forwarding header is read. From a trusted peer, the hops of {@code Forwarded} (RFC 7239), or when it is absent of
 * {@code X-Forwarded-For}, are walked from the right: the client is the right-most hop that is not a trusted proxy (all
 * trusted: the left-most). {@code Forwarded} wins when both are present, being the standard; a proxy that only appends
 * X-Forwarded-For must clear {@code Forwarded}, or a client could write its own. Several lines of a header are one list
 * (RFC 9110 5.3). A hop that cannot be read, reached before the client, is an {@link InvalidRequestException} naming
 * the header; hops left of the client are never read. The scheme and host come from the same trusted proxies:
 * {@code proto=} and {@code host=} of the Forwarded element that names the client, or the right-most values of
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (the ones the nearest proxy wrote).
 *
 * @param address the client key: an IP address's canonical text, or {@code unknown} / an obfuscated {@code _name}
 *                from Forwarded as written
 * @param scheme  {@code http} or {@code https}
 * @param host    the host the client asked for, or null
 */
public record ForwardedClient(String address, String scheme, String host) {

    public static final String FORWARDED = "Forwarded";
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    public static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    /**
     * The client of a request that reached Herald from {@code peer}, which the server saw asking for
     * {@code scheme}://{@code host}; {@code headers} gives every line of a header, in order (empty when absent).
     *
     * @throws InvalidRequestException for a forwarding header from a trusted peer that cannot be read
     */
    public static ForwardedClient resolve(TrustedProxies proxies, String peer, String scheme, String host,
                                          Function<String, List<String>> headers) {
        ForwardedClient direct = new ForwardedClient(peer, scheme, host);
        // A peer that is not trusted: its headers are anybody's, and not even looked at.
        if (proxies.isEmpty() || !proxies.trusts(peer)) {
            return direct;
        }
        List<String> forwarded = headers.apply(FORWARDED);
        if (!forwarded.isEmpty()) {
            return fromForwarded(proxies, direct, forwarded);
        }
        List<String> forwardedFor = headers.apply(X_FORWARDED_FOR);
        if (forwardedFor.isEmpty()) {
            return direct;
        }
        Hop client = null;
        for (int line = forwardedFor.size() - 1; line >= 0 && (client == null || client.ip() != null
                && proxies.trusts(client.ip())); line--) {
            List<String> hops = ListSplitter.splitOn(X_FORWARDED_FOR, forwardedFor.get(line), ',');
            for (int i = hops.size() - 1; i >= 0; i--) {
                client = Hop.parse(hops.get(i));
                if (client == null) {
                    throw unreadable(X_FORWARDED_FOR, hops.get(i), "an IP address");
                }
                if (client.ip() == null || !proxies.trusts(client.ip())) {
                    break;
                }
            }
        }
        if (client == null) {
            throw empty(X_FORWARDED_FOR);
        }
        String proto = rightMost(X_FORWARDED_PROTO, headers.apply(X_FORWARDED_PROTO));
        String forwardedHost = rightMost(X_FORWARDED_HOST, headers.apply(X_FORWARDED_HOST));
        return new ForwardedClient(client.key(), proto == null ? scheme : checkedProto(X_FORWARDED_PROTO, proto),
                forwardedHost == null ? host : forwardedHost);
    }

    /** Lines are split one at a time from the right, so that a line left of the client is never read. */
    private static ForwardedClient fromForwarded(TrustedProxies proxies, ForwardedClient direct, List<String> lines) {
        Map<String, String> client = null;
        Hop hop = null;
        for (int line = lines.size() - 1; line >= 0; line--) {
            List<String> elements = ListSplitter.splitOn(FORWARDED, lines.get(line), ',');
            for (int i = elements.size() - 1; i >= 0; i--) {
                client = pairs(elements.get(i));
                String node = client.get("for");
                if (node == null) {
                    throw new InvalidRequestException("the Forwarded header cannot be read: the element \""
                            + elements.get(i) + "\" has no for= (RFC 7239 4)");
                }
                hop = Hop.parse(node);
                if (hop == null) {
                    throw unreadable(FORWARDED, node,
                            "for=192.0.2.1, for=\"[2001:db8::1]:80\", for=unknown or for=_name");
                }
                if (hop.ip() == null || !proxies.trusts(hop.ip())) {
                    return fromElement(hop, client, direct);
                }
            }
        }
        if (hop == null) {
            throw empty(FORWARDED);
        }
        return fromElement(hop, client, direct); // all trusted: the left-most
    }

    /** A header present but holding no hop: the proxy meant to name the client and did not. */
    private static InvalidRequestException empty(String header) {
        return new InvalidRequestException("the " + header + " header cannot be read: it names no hop");
    }

    private static ForwardedClient fromElement(Hop hop, Map<String, String> element, ForwardedClient direct) {
        String proto = element.get("proto");
        String host = element.get("host");
        return new ForwardedClient(hop.key(), proto == null ? direct.scheme() : checkedProto(FORWARDED, proto),
                host == null || host.isEmpty() ? direct.host() : host);
    }

    /** The parameters of one Forwarded element, names in lower case, quoted values unquoted (RFC 7239 4). */
    private static Map<String, String> pairs(String element) {
        Map<String, String> pairs = new TreeMap<>();
        for (String pair : ListSplitter.splitOn(FORWARDED, element, ';')) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InvalidRequestException("the Forwarded header cannot be read: \"" + pair
                        + "\" is not a name=value pair (RFC 7239 4)");
            }
            String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (pairs.put(name, ListSplitter.unquote(FORWARDED, pair.substring(equals + 1).strip())) != null) {
                throw new InvalidRequestException("the Forwarded header cannot be read: " + name
                        + "= is given twice in one element (RFC 7239 4)");
            }
        }
        return pairs;
    }

    private static String rightMost(String header, List<String> lines) {
        List<String> values = lines.isEmpty() ? List.of() : ListSplitter.split(header, lines);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static String checkedProto(String header, String proto) {
        String lower = proto.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw new InvalidRequestException("the " + header + " header cannot be read: the scheme \"" + proto
                    + "\" is neither http nor https");
        }
        return lower;
    }

    private static InvalidRequestException unreadable(String header, String hop, String expected) {
        return new InvalidRequestException("the " + header + " header cannot be read: \"" + hop
                + "\" is not a client address; expected " + expected);
    }

    /** Splits header lists on a separator outside quoted strings, dropping empty items (RFC 9110 5.6.1). */
    static final class ListSplitter {

        private ListSplitter() {
        }

        /** The items of every line of {@code header}, in order, as one list. */
        static List<String> split(String header, List<String> lines) {
            List<String> items = new ArrayList<>();
            for (String line : lines) {
                items.addAll(splitOn(header, line, ','));
            }
            return items;
        }

        static List<String> splitOn(String header, String text, char separator) {
            List<String> items = new ArrayList<>();
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted && c == '\\' && i + 1 < text.length()) {
                    item.append(c).append(text.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == separator && !quoted) {
                    add(items, item);
                } else {
                    item.append(c);
                }
            }
            if (quoted) {
                throw new InvalidRequestException("the " + header + " header cannot be read: a quoted string is not "
                        + "closed in \"" + text + "\"");
            }
            add(items, item);
            return items;
        }

        private static void add(List<String> items, StringBuilder item) {
            String trimmed = item.toString().strip();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
            item.setLength(0);
        }

        static String unquote(String header, String value) {
            if (!value.startsWith("\"")) {
                return value;
            }
            if (value.length() < 2 || !value.endsWith("\"")) {
                throw new InvalidRequestException("the " + header + " header cannot be read: " + value
                        + " is not a quoted string");
            }
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
    }
}
