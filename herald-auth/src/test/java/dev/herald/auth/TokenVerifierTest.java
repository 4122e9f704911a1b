package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.options.InvalidOptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real tokens, signed in the test with nimbus, checked by the verifier as a server configures it. */
class TokenVerifierTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    private static final Map<String, Object> GRANTS = Map.of("publish", List.of("orders-*"), "subscribe", List.of("user-42"));

    @TempDir
    Path dir;

    private static JWTClaimsSet.Builder claims(Instant expires) {
        return new JWTClaimsSet.Builder().expirationTime(Date.from(expires)).claim("herald", GRANTS);
    }

    private static String signed(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String hs256(String secret, JWTClaimsSet claims) throws JOSEException {
        return signed(JWSAlgorithm.HS256, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), claims);
    }

    private static TokenVerifier verifier(TokenOptions options) {
        return new TokenVerifier(options);
    }

    @Test
    void aGoodHs256TokenGivesItsGrantsAndExpiry() throws Exception {
        Instant expires = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        VerifiedToken token = verifier(TokenOptions.secret(SECRET)).verify(hs256(SECRET, claims(expires).build()));

        assertThat(token.expiresAt()).isEqualTo(expires);
        assertThat(token.grants().mayPublish("orders-7")).isTrue();
        assertThat(token.grants().mayPublish("user-42")).isFalse();
        assertThat(token.grants().maySubscribe("user-42")).isTrue();
    }

    @Test
    void theSubjectIsTheSubClaimOrEmpty() throws Exception {
        Instant expires = Instant.now().plusSeconds(600);
        TokenVerifier verifier = verifier(TokenOptions.secret(SECRET));

        assertThat(verifier.verify(hs256(SECRET, claims(expires).subject("backend-1").build())).subject())
                .isEqualTo("backend-1");
        assertThat(verifier.verify(hs256(SECRET, claims(expires).build())).subject()).isEmpty();
    }

    @Test
    void aTokenWithoutTheHeraldClaimGrantsNothing() throws Exception {
        JWTClaimsSet bare = new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(60))).build();

        VerifiedToken token = verifier(TokenOptions.secret(SECRET)).verify(hs256(SECRET, bare));

        assertThat(token.grants().mayPublish("sse")).isFalse();
        assertThat(token.grants().maySubscribe("sse")).isFalse();
    }

    @Test
    void anExpiredTokenIsRefusedButTheClockSkewIsForgiven() throws Exception {
        TokenVerifier verifier = verifier(TokenOptions.secret(SECRET));

        assertRefused(verifier, hs256(SECRET, claims(Instant.now().minusSeconds(60)).build()), "Expired");
        assertThat(verifier.verify(hs256(SECRET, claims(Instant.now().minusSeconds(5)).build()))).isNotNull();
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        String early = hs256(SECRET, claims(Instant.now().plusSeconds(600)).notBeforeTime(Date.from(Instant.now().plusSeconds(120))).build());

        assertRefused(verifier(TokenOptions.secret(SECRET)), early, "before use time");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        String forever = hs256(SECRET, new JWTClaimsSet.Builder().claim("herald", GRANTS).build());

        assertRefused(verifier(TokenOptions.secret(SECRET)), forever, "exp");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        String other = hs256("another-secret-that-is-32-bytes-long!!", claims(Instant.now().plusSeconds(60)).build());

        assertRefused(verifier(TokenOptions.secret(SECRET)), other, "Signed JWT rejected");
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String none = new PlainJWT(new PlainHeader(), claims(Instant.now().plusSeconds(60)).build()).serialize();

        assertThat(none.split("\\.", -1)).hasSize(3);
        assertRefused(verifier(TokenOptions.secret(SECRET)), none, "refused");
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String good = hs256(SECRET, claims(Instant.now().plusSeconds(60)).build());
        String[] parts = good.split("\\.");
        String wider = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("orders-*", "*").getBytes(StandardCharsets.UTF_8));

        assertRefused(verifier(TokenOptions.secret(SECRET)), parts[0] + "." + wider + "." + parts[2], "Invalid signature");
    }

    @Test
    void garbageIsNotAToken() {
        assertRefused(verifier(TokenOptions.secret(SECRET)), "not-a-token", "not a JWT");
    }

    @Test
    void theIssuerAndAudienceMustMatchWhenConfigured() throws Exception {
        TokenVerifier verifier = verifier(TokenOptions.secret(SECRET).withIssuer("https://auth.example").withAudience("herald"));
        Instant later = Instant.now().plusSeconds(60);

        assertThat(verifier.verify(hs256(SECRET, claims(later).issuer("https://auth.example").audience("herald").build()))).isNotNull();
        assertRefused(verifier, hs256(SECRET, claims(later).issuer("https://evil.example").audience("herald").build()), "iss");
        assertRefused(verifier, hs256(SECRET, claims(later).issuer("https://auth.example").audience("other").build()), "aud claim rejected");
        assertRefused(verifier, hs256(SECRET, claims(later).audience("herald").build()), "iss");
    }

    @Test
    void aHeraldClaimOfTheWrongShapeIsRefused() throws Exception {
        TokenVerifier verifier = verifier(TokenOptions.secret(SECRET));
        Instant later = Instant.now().plusSeconds(60);

        assertRefused(verifier, hs256(SECRET, new JWTClaimsSet.Builder().expirationTime(Date.from(later))
                .claim("herald", "everything").build()), "must be an object");
        assertRefused(verifier, hs256(SECRET, new JWTClaimsSet.Builder().expirationTime(Date.from(later))
                .claim("herald", Map.of("publish", "sse")).build()), "herald.publish must be a list");
        assertRefused(verifier, hs256(SECRET, new JWTClaimsSet.Builder().expirationTime(Date.from(later))
                .claim("herald", Map.of("subscribe", List.of(1))).build()), "herald.subscribe must hold only strings");
        assertRefused(verifier, hs256(SECRET, new JWTClaimsSet.Builder().expirationTime(Date.from(later))
                .claim("herald", Map.of("admin", "yes")).build()), "herald.admin must be true or false");
    }

    @Test
    void theAdminFlagIsReadFromTheClaim() throws Exception {
        TokenVerifier verifier = verifier(TokenOptions.secret(SECRET));
        Instant later = Instant.now().plusSeconds(60);
        assertThat(verifier.verify(hs256(SECRET, new JWTClaimsSet.Builder().expirationTime(Date.from(later))
                .claim("herald", Map.of("admin", true)).build())).admin()).isTrue();
        assertThat(verifier.verify(hs256(SECRET, new JWTClaimsSet.Builder().expirationTime(Date.from(later))
                .claim("herald", Map.of("admin", false, "publish", List.of("a"))).build())).admin()).isFalse();
        assertThat(verifier.verify(hs256(SECRET, claims(later).build())).admin()).as("no admin field").isFalse();
    }

    @Test
    void rs256AndEs256TokensAreCheckedWithPemKeys() throws Exception {
        KeyPair rsa = rsaKeyPair();
        KeyPair ec = ecKeyPair();
        Path pem = dir.resolve("keys.pem");
        Files.writeString(pem, pem(rsa.getPublic()) + pem(ec.getPublic()));
        TokenVerifier verifier = verifier(TokenOptions.keys(PublicKeys.read(pem)));
        JWTClaimsSet claims = claims(Instant.now().plusSeconds(60)).build();

        assertThat(verifier.verify(signed(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), claims)).grants()
                .mayPublish("orders-1")).isTrue();
        assertThat(verifier.verify(signed(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) ec.getPrivate()), claims)).grants()
                .maySubscribe("user-42")).isTrue();
        assertRefused(verifier, signed(JWSAlgorithm.RS256, new RSASSASigner(rsaKeyPair().getPrivate()), claims), "Signed JWT rejected");
    }

    @Test
    void rs256AndEs256TokensAreCheckedWithAJwksFile() throws Exception {
        RSAKey rsa = new RSAKey.Builder((RSAPublicKey) rsaKeyPair().getPublic()).build();
        KeyPair rsaPair = rsaKeyPair();
        KeyPair ecPair = ecKeyPair();
        RSAKey rsaPublic = new RSAKey.Builder((RSAPublicKey) rsaPair.getPublic()).keyID("rsa-1").build();
        ECKey ecPublic = new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, (ECPublicKey) ecPair.getPublic()).keyID("ec-1").build();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa, rsaPublic, ecPublic)).toString());
        TokenVerifier verifier = verifier(TokenOptions.keys(PublicKeys.read(jwks)));
        JWTClaimsSet claims = claims(Instant.now().plusSeconds(60)).build();

        SignedJWT rsaToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims);
        rsaToken.sign(new RSASSASigner(rsaPair.getPrivate()));
        SignedJWT ecToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims);
        ecToken.sign(new ECDSASigner((ECPrivateKey) ecPair.getPrivate()));

        assertThat(verifier.verify(rsaToken.serialize()).grants().mayPublish("orders-1")).isTrue();
        assertThat(verifier.verify(ecToken.serialize()).grants().maySubscribe("user-42")).isTrue();
    }

    @Test
    void anHs256TokenIsRefusedWhenOnlyAnRsaKeyIsConfiguredEvenSignedWithThatKeysBytes() throws Exception {
        KeyPair rsa = rsaKeyPair();
        Path pem = dir.resolve("rsa.pem");
        String pemText = pem(rsa.getPublic());
        Files.writeString(pem, pemText);
        TokenVerifier verifier = verifier(TokenOptions.keys(PublicKeys.read(pem)));
        JWTClaimsSet claims = claims(Instant.now().plusSeconds(60)).build();

        // The classic confusion: the public key's text used as an HMAC secret.
        assertRefused(verifier, signed(JWSAlgorithm.HS256, new MACSigner(pemText.getBytes(StandardCharsets.UTF_8)), claims), "rejected");
        assertRefused(verifier, signed(JWSAlgorithm.HS256, new MACSigner(rsa.getPublic().getEncoded()), claims), "rejected");
        assertRefused(verifier, signed(JWSAlgorithm.RS512, new RSASSASigner(rsa.getPrivate()), claims), "rejected");
    }

    @Test
    void anRs256TokenIsRefusedWhenOnlyASecretIsConfigured() throws Exception {
        String rs256 = signed(JWSAlgorithm.RS256, new RSASSASigner(rsaKeyPair().getPrivate()), claims(Instant.now().plusSeconds(60)).build());

        assertRefused(verifier(TokenOptions.secret(SECRET)), rs256, "rejected");
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> TokenOptions.secret("short"))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("jwt-secret");
                    assertThat(e.problem()).isEqualTo("must be at least 32 bytes for HS256, got 5; make one with: openssl rand -base64 32");
                });
        assertThat(TokenOptions.secret("x".repeat(32)).enabled()).isTrue();
        assertThat(TokenOptions.secret("").enabled()).as("an empty secret is no secret").isFalse();
    }

    @Test
    void anIssuerWithoutAKeyIsRefusedAndTheSecretIsNeverPrinted() {
        assertThatThrownBy(() -> new TokenOptions(null, null, "https://auth.example", null))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> assertThat(e.option()).isEqualTo("jwt-issuer"));
        assertThat(TokenOptions.secret(SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void aKeyFileWithoutAUsableKeyIsRefusedNamingTheOption() throws Exception {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{\"keys\": []}");
        Path privateKey = dir.resolve("private.pem");
        Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PublicKeys.read(empty)).isInstanceOfSatisfying(InvalidOptionException.class,
                e -> assertThat(e.getMessage()).isEqualTo("jwt-key holds no RSA or P-256 EC public key usable for RS256 or ES256"));
        assertThatThrownBy(() -> PublicKeys.read(privateKey)).hasMessageContaining("holds a PRIVATE KEY block");
        assertThatThrownBy(() -> PublicKeys.read(dir.resolve("missing.pem"))).hasMessageStartingWith("jwt-key cannot read");
    }

    @Test
    void aMintedTokenVerifiesWithTheSameOptions() throws Exception {
        TokenOptions options = TokenOptions.secret(SECRET).withIssuer("herald-test").withAudience("herald");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        String token = new TokenMinter(options).mint(List.of("orders-*"), List.of("user-42", "news"), Duration.ofHours(1), now);

        VerifiedToken verified = new TokenVerifier(options).verify(token);
        assertThat(verified.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(verified.grants().mayPublish("orders-9")).isTrue();
        assertThat(verified.grants().maySubscribe("news")).isTrue();
        assertThat(verified.grants().maySubscribe("orders-9")).isFalse();
        assertThatThrownBy(() -> new TokenMinter(TokenOptions.none())).isInstanceOf(IllegalStateException.class);
    }

    private static void assertRefused(TokenVerifier verifier, String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessageContaining(reason);
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
