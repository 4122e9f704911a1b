package dev.herald.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.access.Grants;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claim {@value #NAME}: {@code {"publish": ["orders-*"], "subscribe": ["user-42"], "admin": true}}, two lists of
 * channel patterns, either one left out when empty, and whether the token is an admin's (it opens the console; left out
 * or {@code false}: it is not). A token without the claim grants nothing.
 */
final class HeraldClaim {

    static final String NAME = "herald";
    static final String PUBLISH = "publish";
    static final String SUBSCRIBE = "subscribe";
    static final String ADMIN = "admin";

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

    /** Whether the claim says {@code "admin": true}; anything but a boolean there is refused. */
    static boolean admin(JWTClaimsSet claims) throws InvalidTokenException {
        Map<String, Object> claim;
        try {
            claim = claims.getJSONObjectClaim(NAME);
        } catch (ParseException notAnObject) {
            return false; // read() refuses it
        }
        Object value = claim == null ? null : claim.get(ADMIN);
        if (value != null && !(value instanceof Boolean)) {
            throw new InvalidTokenException(NAME + "." + ADMIN + " must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    static Map<String, Object> write(List<String> publish, List<String> subscribe, boolean admin) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put(PUBLISH, List.copyOf(publish));
        claim.put(SUBSCRIBE, List.copyOf(subscribe));
        if (admin) {
            claim.put(ADMIN, true);
        }
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
