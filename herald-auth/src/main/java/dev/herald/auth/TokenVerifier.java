package dev.herald.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks tokens: a compact JWS, signed with HS256 by the configured secret or with RS256 or ES256 by one of the
 * configured public keys (the file's, read once, and an identity provider's JWKS URL's, read through nimbus-jose-jwt's
 * remote JWK source: cached {@link #JWKS_CACHE}, fetched again when a token names a {@code kid} not in the cache, at most
 * once per {@link #JWKS_MIN_REFETCH}, each fetch bounded by {@link #JWKS_TIMEOUT} to connect and to read; a fetch runs on
 * the thread that checks the token), and no other way. A token of another algorithm ({@code none} included), an HS256 token when
 * no secret is set (an RSA public key is never taken as an HMAC secret), a bad signature, a missing or past
 * {@code exp}, a future {@code nbf} (both with {@link TokenOptions#CLOCK_SKEW} of leeway), the wrong {@code iss} or
 * {@code aud}, or a malformed {@code herald} claim is refused. Thread-safe.
 */
public final class TokenVerifier {

    /** How long the JWKS URL's keys are kept before they are fetched again. */
    public static final Duration JWKS_CACHE = Duration.ofMinutes(5);
    /** The least time between two fetches of the JWKS URL (an unknown {@code kid} cannot make it fetch more often). */
    public static final Duration JWKS_MIN_REFETCH = Duration.ofSeconds(10);
    /** The connect and the read timeout of a fetch of the JWKS URL. */
    public static final Duration JWKS_TIMEOUT = Duration.ofSeconds(2);
    private static final int JWKS_SIZE_LIMIT_BYTES = 512 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @throws IllegalArgumentException when the options hold no key ({@link TokenOptions#enabled()} is false)
     */
    public TokenVerifier(TokenOptions options) {
        if (!options.enabled()) {
            throw new IllegalArgumentException("tokens cannot be checked without a secret or a public key");
        }
        processor.setJWSKeySelector(new ConfiguredKeys(options));
        Set<String> required = new HashSet<>(Set.of("exp"));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (options.issuer() != null) {
            exact.issuer(options.issuer());
            required.add("iss");
        }
        Set<String> audiences = null;
        if (options.audience() != null) {
            audiences = Set.of(options.audience());
            required.add("aud");
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audiences, exact.build(), required, null);
        claims.setMaxClockSkew((int) TokenOptions.CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * The grants and expiry of a valid token.
     *
     * @throws InvalidTokenException with a sentence saying why it is refused
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        Objects.requireNonNull(token, "token");
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a JWT: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("the token is refused: " + e.getMessage());
        }
        return new VerifiedToken(HeraldClaim.read(claims), claims.getExpirationTime().toInstant(),
                claims.getSubject() == null ? "" : claims.getSubject(), HeraldClaim.admin(claims), claims.getJWTID());
    }

    /** The keys for a token's algorithm: only the algorithms configured, each with its own kind of key. */
    private static final class ConfiguredKeys implements JWSKeySelector<SecurityContext> {

        private final Key secret;
        private final List<JWK> publicKeys;
        /** The identity provider's keys, or null. */
        private final JWKSource<SecurityContext> remote;

        ConfiguredKeys(TokenOptions options) {
            this.secret = options.secret() == null ? null
                    : new SecretKeySpec(options.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            this.publicKeys = options.keys() == null ? List.of() : options.keys().keys();
            this.remote = options.jwksUrl() == null ? null : remote(options.jwksUrl());
        }

        private static JWKSource<SecurityContext> remote(URI url) {
            int timeoutMillis = (int) JWKS_TIMEOUT.toMillis();
            try {
                return JWKSourceBuilder.create(url.toURL(),
                                new DefaultResourceRetriever(timeoutMillis, timeoutMillis, JWKS_SIZE_LIMIT_BYTES))
                        .cache(JWKS_CACHE.toMillis(), JWKS_TIMEOUT.toMillis())
                        .rateLimited(JWKS_MIN_REFETCH.toMillis())
                        .retrying(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("jwt-jwks-url is not a URL: " + url, e);
            }
        }

        @Override
        public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            JWSAlgorithm algorithm = header.getAlgorithm();
            if (JWSAlgorithm.HS256.equals(algorithm)) {
                return secret == null ? List.of() : List.of(secret);
            }
            boolean rsa = JWSAlgorithm.RS256.equals(algorithm);
            boolean ec = JWSAlgorithm.ES256.equals(algorithm);
            List<Key> keys = new ArrayList<>();
            List<JWK> candidates = new ArrayList<>(publicKeys);
            if (remote != null && (rsa || ec)) {
                candidates.addAll(remote.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null));
            }
            for (JWK key : candidates) {
                // A key id in the token narrows the choice to keys with that id; keys from PEM have none, and stay.
                if (header.getKeyID() != null && key.getKeyID() != null && !header.getKeyID().equals(key.getKeyID())) {
                    continue;
                }
                try {
                    if (rsa && key instanceof RSAKey rsaKey) {
                        keys.add(rsaKey.toRSAPublicKey());
                    } else if (ec && key instanceof ECKey ecKey) {
                        keys.add(ecKey.toECPublicKey());
                    }
                } catch (JOSEException e) {
                    throw new KeySourceException("a configured key cannot be used: " + e.getMessage(), e);
                }
            }
            return keys;
        }
    }
}
