package dev.herald.testing;

import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tokens for the integration tests, signed with one test secret. */
public final class TestTokens {

    public static final String SECRET = "integration-test-secret-of-at-least-32-bytes";
    public static final TokenOptions OPTIONS = TokenOptions.secret(SECRET);

    private TestTokens() {
    }

    /** A token valid for an hour. */
    public static String token(List<String> publish, List<String> subscribe) {
        return token(publish, subscribe, Duration.ofHours(1));
    }

    public static String token(List<String> publish, List<String> subscribe, Duration ttl) {
        return new TokenMinter(OPTIONS).mint(publish, subscribe, ttl, Instant.now());
    }

    /** An admin's token (its claim's {@code "admin": true}: it opens the console), granting no channel. */
    public static String admin(Duration ttl) {
        return new TokenMinter(OPTIONS).mint(List.of(), List.of(), true, ttl, Instant.now());
    }

    /** A token signed with another secret: well formed, never valid here. */
    public static String forged(List<String> publish) {
        return new TokenMinter(TokenOptions.secret("not-the-server-secret-but-32-bytes-long"))
                .mint(publish, List.of(), Duration.ofHours(1), Instant.now());
    }
}
