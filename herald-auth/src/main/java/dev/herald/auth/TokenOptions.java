package dev.herald.auth;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Loopback;
import dev.herald.options.Option;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * How tokens are checked: an HS256 secret, public keys for RS256 and ES256, or both; optionally the issuer and audience
 * a token must name. With neither a secret nor keys, no token can be checked and {@link #enabled()} is false.
 *
 * <p>The constructor throws {@link InvalidOptionException} when the secret is too short, or an issuer or audience is
 * given without a key.
 *
 * @param secret   the HS256 secret, at least {@value #MIN_SECRET_BYTES} bytes in UTF-8 (option {@code jwt-secret}), or null
 * @param keys     public keys read from {@code --jwt-key} (option {@code jwt-key}), or null
 * @param issuer   the {@code iss} every token must carry (option {@code jwt-issuer}), or null for any
 * @param audience a value the token's {@code aud} must hold (option {@code jwt-audience}), or null for any
 * @param jwksUrl  an identity provider's JWKS document (option {@code jwt-jwks-url}): https, or http to a loopback
 *                 host only (a sidecar, a test); or null
 */
public record TokenOptions(String secret, PublicKeys keys, String issuer, String audience, URI jwksUrl) {

    /** HS256 needs a key as long as its hash: 256 bits (RFC 7518, section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    /** How far a token's {@code exp} and {@code nbf} may be off this machine's clock and still count. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    public static final Option<String> JWT_SECRET = Option.of("jwt-secret", String.class).secret()
            .description("HS256 secret that publisher and subscriber tokens are signed with, at least 32 bytes; with it "
                    + "(or jwt-key) publishing needs a token. Prefer the environment variable to the flag, which other "
                    + "users can see in the process list");

    /** A path: the command line and the Spring starter read the file, once, into {@link PublicKeys}. */
    public static final Option<String> JWT_KEY = Option.of("jwt-key", String.class)
            .description("File with the public key(s) RS256 and ES256 tokens are checked with: PEM (BEGIN PUBLIC KEY) "
                    + "or a JWKS JSON document");

    /** Read through nimbus-jose-jwt's remote JWK source: see {@link TokenVerifier}. */
    public static final Option<String> JWT_JWKS_URL = Option.of("jwt-jwks-url", String.class)
            .description("An identity provider's JWKS URL (https; http only to a loopback host) whose keys check RS256 "
                    + "and ES256 tokens beside jwt-key: cached 5 min, fetched again when a token names an unknown kid, "
                    + "at most once every 10 s");

    public static final Option<String> JWT_ISSUER = Option.of("jwt-issuer", String.class)
            .description("The iss every token must carry; without it any issuer");

    public static final Option<String> JWT_AUDIENCE = Option.of("jwt-audience", String.class)
            .description("A value every token's aud must hold; without it any audience");

    /** Without a JWKS URL. */
    public TokenOptions(String secret, PublicKeys keys, String issuer, String audience) {
        this(secret, keys, issuer, audience, null);
    }

    public TokenOptions {
        checkJwksUrl(jwksUrl);
        secret = blankToNull(secret);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new InvalidOptionException("jwt-secret", "must be at least " + MIN_SECRET_BYTES + " bytes for HS256, got "
                    + secret.getBytes(StandardCharsets.UTF_8).length + "; make one with: openssl rand -base64 32");
        }
        boolean anyKey = secret != null || keys != null || jwksUrl != null;
        if (!anyKey && issuer != null) {
            throw new InvalidOptionException("jwt-issuer", "needs a token key (jwt-secret or jwt-key) to check tokens with");
        }
        if (!anyKey && audience != null) {
            throw new InvalidOptionException("jwt-audience", "needs a token key (jwt-secret or jwt-key) to check tokens with");
        }
    }

    /** No key: tokens are not checked. */
    public static TokenOptions none() {
        return new TokenOptions(null, null, null, null);
    }

    /** An HS256 secret and nothing else. */
    public static TokenOptions secret(String secret) {
        return new TokenOptions(secret, null, null, null);
    }

    /** Public keys and nothing else. */
    public static TokenOptions keys(PublicKeys keys) {
        return new TokenOptions(null, keys, null, null);
    }

    /** Whether a secret, a key or a JWKS URL is set, so that tokens are checked. */
    public boolean enabled() {
        return secret != null || keys != null || jwksUrl != null;
    }

    public TokenOptions withIssuer(String newIssuer) {
        return new TokenOptions(secret, keys, newIssuer, audience, jwksUrl);
    }

    public TokenOptions withAudience(String newAudience) {
        return new TokenOptions(secret, keys, issuer, newAudience, jwksUrl);
    }

    public TokenOptions withJwksUrl(URI newJwksUrl) {
        return new TokenOptions(secret, keys, issuer, audience, newJwksUrl);
    }

    /**
     * The option's text as a URL, or null for none or blank.
     *
     * @throws InvalidOptionException when it is not a URL
     */
    public static URI jwksUrl(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidOptionException("jwt-jwks-url", "is not a URL: " + e.getMessage());
        }
    }

    /** https anywhere; http only to a loopback host, where nobody on the way can swap the keys. */
    private static void checkJwksUrl(URI url) {
        if (url == null) {
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidOptionException("jwt-jwks-url", "must be an https URL with a host, got " + url);
        }
        if (scheme.equals("http") && !Loopback.isLoopback(url.getHost())) {
            throw new InvalidOptionException("jwt-jwks-url", "must be https (http is taken only for a loopback host, "
                    + "where no one on the way can swap the keys), got " + url);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "TokenOptions[secret=" + (secret == null ? "none" : "(set)") + ", keys=" + (keys == null ? 0 : keys.keys().size())
                + ", issuer=" + issuer + ", audience=" + audience + ", jwksUrl=" + jwksUrl + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
