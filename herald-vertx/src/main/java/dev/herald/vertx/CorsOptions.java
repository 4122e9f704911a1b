package dev.herald.vertx;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which other origins' pages may call the routes from a browser (CORS). None by default: same-origin pages only.
 *
 * <p>The constructor throws {@link InvalidOptionException} when an origin is not of that form, or {@code *} is listed
 * with others.
 *
 * @param origins origins such as {@code https://app.example.com} or {@code http://localhost:3000} (http or https, a
 *                host, an optional port, no path), or {@code *} alone for every origin (option {@code cors-origins}).
 *                Kept in the form a browser sends: lower case, without the scheme's default port. Credentials
 *                (cookies) are allowed with a list, never with {@code *}
 */
public record CorsOptions(List<String> origins) {

    /** Every origin. */
    public static final String ANY = "*";
    private static final String KEY = "cors-origins";

    public CorsOptions {
        OptionChecks.present(KEY, origins);
        Set<String> normalised = new LinkedHashSet<>();
        for (String origin : origins) {
            if (ANY.equals(origin) && origins.size() > 1) {
                throw new InvalidOptionException(KEY, "* stands for every origin and cannot be listed with others, got "
                        + String.join(",", origins));
            }
            normalised.add(ANY.equals(origin) ? ANY : normalise(origin).orElseThrow(() -> new InvalidOptionException(KEY,
                    "must be * or origins like https://app.example.com (http or https, a host, an optional port, "
                            + "no path), got " + (origin == null || origin.isEmpty() ? "an empty one" : origin))));
        }
        origins = List.copyOf(normalised);
    }

    /** No CORS: the routes answer without CORS headers, so browsers let only same-origin pages read them. */
    public static CorsOptions none() {
        return new CorsOptions(List.of());
    }

    /** Whether any other origin is allowed at all. */
    public boolean enabled() {
        return !origins.isEmpty();
    }

    /** Whether every origin is, with {@code *}. */
    public boolean anyOrigin() {
        return origins.equals(List.of(ANY));
    }

    /** Whether a request's {@code Origin} header names an allowed origin; {@code null} and other non-origins never do. */
    public boolean allows(String origin) {
        Optional<String> requested = normalise(origin);
        return requested.isPresent() && (anyOrigin() || origins.contains(requested.get()));
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or empty when the text is not an origin. */
    private static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean originOnly = uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
                && uri.getRawQuery() == null && uri.getRawFragment() == null && port <= 65535
                && (port != -1 || !text.endsWith(":"));
        if (!originOnly || !(scheme.equals("http") || scheme.equals("https"))) {
            return Optional.empty();
        }
        boolean defaultPort = port == -1 || port == (scheme.equals("http") ? 80 : 443);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }
}
