package dev.herald.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Makes HS256 tokens with the configured secret, as {@code herald token} prints them: {@code iat}, {@code exp} (now
 * plus the time to live), the {@code herald} claim, and {@code iss} and {@code aud} when the options require them, so a
 * token minted here passes {@link TokenVerifier} with the same options.
 */
public final class TokenMinter {

    private final TokenOptions options;

    /**
     * @throws IllegalStateException when the options hold no secret
     */
    public TokenMinter(TokenOptions options) {
        if (options.secret() == null) {
            throw new IllegalStateException("a token is signed with the HS256 secret: set --jwt-secret or HERALD_JWT_SECRET");
        }
        this.options = options;
    }

    /** A compact token granting {@code publish} and {@code subscribe} (channel patterns) from {@code now} for {@code ttl}. */
    public String mint(List<String> publish, List<String> subscribe, Duration ttl, Instant now) {
        return mint(publish, subscribe, false, ttl, now);
    }

    /**
     * {@link #mint(List, List, Duration, Instant)}, and an admin's token when {@code admin} (the claim's
     * {@code "admin": true}: it opens the console).
     */
    public String mint(List<String> publish, List<String> subscribe, boolean admin, Duration ttl, Instant now) {
        return mint(publish, subscribe, admin, ttl, now, null, null);
    }

    /**
     * {@link #mint(List, List, boolean, Duration, Instant)} naming its holder: {@code sub} is {@code subject} (none when
     * null), the name presence lists a stream under.
     */
    public String mint(String subject, List<String> publish, List<String> subscribe, boolean admin, Duration ttl,
                       Instant now) {
        return mint(publish, subscribe, admin, ttl, now, subject, null);
    }

    /**
     * {@link #mint(List, List, boolean, Duration, Instant)} with a {@code sub} and a {@code jti} when not null: an
     * admin disconnects a subject's streams, and revokes a token by its id; presence lists a stream under its subject.
     */
    public String mint(List<String> publish, List<String> subscribe, boolean admin, Duration ttl, Instant now,
                       String subject, String tokenId) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .jwtID(tokenId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim(HeraldClaim.NAME, HeraldClaim.write(publish, subscribe, admin));
        if (options.issuer() != null) {
            claims.issuer(options.issuer());
        }
        if (options.audience() != null) {
            claims.audience(options.audience());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new MACSigner(options.secret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("the token cannot be signed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
