package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenOptions;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A server whose keys come from a JWKS URL ({@code jwt-jwks-url}) that the test serves on loopback: a private stream
 * opens with a token of the document's key, and after the document rotates to a new key, with a token of the new key,
 * without a restart.
 */
class JwksServerIT {

    private static RSAKey key(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    private static String token(RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("judy").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim("herald", Map.of("publish", List.of(), "subscribe", List.of("private-*"))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aStreamOpensWithATokenOfTheRotatedKeyWithoutRestart() throws Exception {
        AtomicReference<String> document = new AtomicReference<>();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/jwks.json", exchange -> {
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        RSAKey first = key("first");
        RSAKey second = key("second");
        document.set(new JWKSet(first).toPublicJWKSet().toString());
        URI url = URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json");
        HeraldConfig config = HeraldConfig.defaults().withAccess(AccessOptions.tokens(
                new TokenOptions(null, null, null, null, url)).withPrivateChannels(ChannelPatterns.parse("private-*")));
        try (RunningServer server = RunningServer.start(config)) {
            try (SseTestClient stream = SseTestClient.connect(server.uri("/stream?channel=private-a"),
                    Map.of("Authorization", "Bearer " + token(first)))) {
                assertThat(stream.status()).isEqualTo(200);
            }

            document.set(new JWKSet(second).toPublicJWKSet().toString());
            try (SseTestClient stream = SseTestClient.connect(server.uri("/stream?channel=private-a"),
                    Map.of("Authorization", "Bearer " + token(second)))) {
                assertThat(stream.status()).isEqualTo(200);
            }
            assertThat(TestHttp.get(server.uri("/stream?channel=private-a"), "Authorization",
                    "Bearer " + token(key("stranger"))).statusCode()).isEqualTo(401);
        } finally {
            idp.stop(0);
        }
    }
}
