package dev.herald.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.access.Grants;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claim {@value #NAME}: {@code {"publish": ["orders-*"], "subscribe": ["user-42"]}}, both lists of channel patterns,
 * either one left out when empty. A token without the claim grants nothing.
 */
final class HeraldClaim {

    static final String NAME = "herald";
    static final String PUBLISH = "publish";
    static final String SUBSCRIBE = "subscribe";

    private HeraldClaim() {
    }

    static Grants read(JWTClaimsSet claims) throws InvalidTokenException {
        Map<String, Object> claim;
        try {
            claim = claims.getJSONObjectClaim(NAME);
        } catch (ParseException notAnObject) {
            throw new InvalidTokenException("the claim " + NAME + " must be an object {\"publish\": [...], \"subscribe\": [...]}");
        }
        if (claim == null) {
            return Grants.NONE;
        }
        return Grants.of(patterns(claim, PUBLISH), patterns(claim, SUBSCRIBE));
    }

    static Map<String, Object> write(List<String> publish, List<String> subscribe) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put(PUBLISH, List.copyOf(publish));
        claim.put(SUBSCRIBE, List.copyOf(subscribe));
        return claim;
    }

    private static List<String> patterns(Map<String, Object> claim, String field) throws InvalidTokenException {
        Object value = claim.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new InvalidTokenException(NAME + "." + field + " must be a list of channel patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String pattern)) {
                throw new InvalidTokenException(NAME + "." + field + " must hold only strings");
            }
            patterns.add(pattern);
        }
        return patterns;
    }
}
