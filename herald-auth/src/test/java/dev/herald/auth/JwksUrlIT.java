package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.herald.options.InvalidOptionException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys from an identity provider's JWKS URL, served over real HTTP on loopback by the test: a token signed by a key the
 * document names is accepted; after the document rotates to a new key, a token signed by it is accepted without a
 * restart (its unknown {@code kid} makes the verifier fetch again), and one signed by the retired key no longer is
 * once the cache is refreshed; a token of a key the document does not hold is refused with a clear sentence.
 */
class JwksUrlIT {

    private final AtomicReference<String> document = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private URI url;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static RSAKey key(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private static String token(RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("ivan").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim(HeraldClaim.NAME, HeraldClaim.write(List.of(), List.of("*"), false)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private void publish(RSAKey... keys) {
        document.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    @Test
    void aTokenOfANewKeyIsAcceptedAfterTheDocumentRotatesWithoutRestart() throws Exception {
        RSAKey first = key("first");
        RSAKey second = key("second");
        publish(first);
        TokenVerifier verifier = new TokenVerifier(new TokenOptions(null, null, null, null, url));

        assertThat(verifier.verify(token(first)).subject()).isEqualTo("ivan");
        assertThat(verifier.verify(token(first)).subject()).as("from the cache").isEqualTo("ivan");
        assertThat(fetches).hasValue(1);

        publish(second);
        assertThat(verifier.verify(token(second)).subject()).isEqualTo("ivan");
        assertThat(fetches).as("the unknown kid made it fetch once more").hasValue(2);
    }

    @Test
    void aTokenOfAKeyTheDocumentDoesNotHoldIsRefused() throws Exception {
        publish(key("known"));
        TokenVerifier verifier = new TokenVerifier(new TokenOptions(null, null, null, null, url));
        assertThatThrownBy(() -> verifier.verify(token(key("stranger"))))
                .isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("the token is refused");
    }

    @Test
    void anUnreachableDocumentRefusesTheTokenAndDoesNotThrowAnythingElse() throws Exception {
        RSAKey key = key("k");
        server.stop(0);
        TokenVerifier verifier = new TokenVerifier(new TokenOptions(null, null, null, null, url));
        assertThatThrownBy(() -> verifier.verify(token(key))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void plainHttpIsTakenOnlyForALoopbackHost() {
        assertThatThrownBy(() -> new TokenOptions(null, null, null, null, URI.create("http://idp.example/jwks.json")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("must be https");
        assertThat(new TokenOptions(null, null, null, null, URI.create("https://idp.example/jwks.json")).enabled())
                .isTrue();
        assertThatThrownBy(() -> TokenOptions.jwksUrl("ht tp://x")).isInstanceOf(InvalidOptionException.class);
        assertThat(Duration.ofSeconds(10)).isEqualTo(TokenVerifier.JWKS_MIN_REFETCH);
    }
}
