package dev.herald.server;

import dev.herald.auth.TokenMinter;
import dev.herald.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seeded generator of tokens for the fuzz campaign: one good kind (signed with {@link TestTokens#SECRET}, granting the
 * private channel) and every broken or forged kind a client might send: another key, expired, not yet valid,
 * {@code alg: none}, an RS256 header over an HMAC signature, grants for other channels, truncated, re-encoded, random.
 */
final class HostileTokens {

    /** The private channel the campaign's server guards. */
    static final String PRIVATE = "vault";

    /** A token and whether it must be accepted for {@link #PRIVATE} (subscribe and publish). */
    record Token(String value, boolean good) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final Random random;

    HostileTokens(long seed) {
        this.random = new Random(seed);
    }

    Token next() {
        Instant now = Instant.now();
        List<String> grant = List.of(PRIVATE);
        return switch (random.nextInt(11)) {
            case 0, 1 -> new Token(TestTokens.token(grant, grant), true);
            case 2 -> new Token(TestTokens.forged(grant), false);
            case 3 -> new Token(new TokenMinter(TestTokens.OPTIONS).mint(grant, grant, Duration.ofMinutes(5),
                    now.minus(Duration.ofHours(1))), false); // expired an hour ago minus five minutes
            case 4 -> new Token(signed("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims(now), false), false);
            case 5 -> new Token(signed("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims(now), true), false);
            case 6 -> new Token(TestTokens.token(List.of("other-*"), List.of("other-*")), false);
            case 7 -> {
                String good = TestTokens.token(grant, grant);
                yield new Token(good.substring(0, random.nextInt(good.length())), false);
            }
            case 8 -> new Token(signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                    "{\"exp\":" + (now.getEpochSecond() + 3600) + ",\"nbf\":" + (now.getEpochSecond() + 3000)
                            + ",\"herald\":{\"publish\":[\"*\"],\"subscribe\":[\"*\"]}}", true), false); // not yet valid
            case 9 -> new Token(signed("{\"alg\":\"HS256\"}", "{\"exp\":\"soon\",\"herald\":\"everything\"}", true), false);
            default -> new Token(junk(), false);
        };
    }

    private static String claims(Instant now) {
        return "{\"exp\":" + (now.getEpochSecond() + 3600) + ",\"herald\":{\"publish\":[\"*\"],\"subscribe\":[\"*\"]}}";
    }

    /** header.payload.signature, the signature an HMAC with the server's own secret when {@code hmac}, else empty. */
    private static String signed(String header, String payload, boolean hmac) {
        String content = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        if (!hmac) {
            return content + ".";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return content + "." + B64.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String junk() {
        String[] pieces = {"eyJ", ".", "..", "%zz", "=", "+", "/", "\u00e9", "a", "Zm9v", "{}", " ", "\t"};
        StringBuilder junk = new StringBuilder();
        for (int i = random.nextInt(40); i >= 0; i--) {
            junk.append(pieces[random.nextInt(pieces.length)]);
        }
        return random.nextInt(10) == 0 ? junk.append("x".repeat(8000)).toString() : junk.toString();
    }
}
