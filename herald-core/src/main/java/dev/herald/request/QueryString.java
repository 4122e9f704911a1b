package dev.herald.request;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's query string decoded strictly, for HTTP adapters whose server forgives a malformed one (Tomcat drops a
 * parameter it cannot decode, with a log line, so {@code ?channel=%ZZ} would quietly become the default channel). The
 * rule is Vert.x's and the HTML form encoding's: {@code name=value} pairs joined by {@code &}, {@code +} for a space,
 * {@code %XX} for a byte of UTF-8; a name without {@code =} has the empty value.
 */
public final class QueryString {

    private QueryString() {
    }

    /**
     * Every parameter's values, in request order; empty for a {@code null} or empty query.
     *
     * @throws InvalidRequestException when a percent-encoding is malformed, with the words the Vert.x routes use
     */
    public static Map<String, List<String>> decode(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodePart(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodePart(pair.substring(equals + 1));
            params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decodePart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidRequestException("the query string is not valid percent-encoding: " + malformed.getMessage());
        }
    }
}
