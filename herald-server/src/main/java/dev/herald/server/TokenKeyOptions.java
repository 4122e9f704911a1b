package dev.herald.server;

import dev.herald.auth.PublicKeys;
import dev.herald.auth.TokenOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The command line's token options, shared by {@code herald} (to check tokens) and {@code herald token} (to sign one). */
final class TokenKeyOptions {

    // No ${DEFAULT-VALUE} in the description: --help must not print the secret taken from the environment.
    @Option(names = "--jwt-secret", defaultValue = "${env:HERALD_JWT_SECRET}",
            description = "HS256 secret that publisher and subscriber tokens are signed with, at least 32 bytes; with it "
                    + "(or --jwt-key) publishing needs a token [HERALD_JWT_SECRET; prefer it to the flag, which other "
                    + "users can see in the process list]")
    String secret;

    @Option(names = "--jwt-key", defaultValue = "${env:HERALD_JWT_KEY}",
            description = "File with the public key(s) RS256 and ES256 tokens are checked with: PEM (BEGIN PUBLIC KEY) "
                    + "or a JWKS JSON document [HERALD_JWT_KEY]")
    String keyFile;

    @Option(names = "--jwt-issuer", defaultValue = "${env:HERALD_JWT_ISSUER}",
            description = "The iss every token must carry; without it any issuer [HERALD_JWT_ISSUER]")
    String issuer;

    @Option(names = "--jwt-audience", defaultValue = "${env:HERALD_JWT_AUDIENCE}",
            description = "A value every token's aud must hold; without it any audience [HERALD_JWT_AUDIENCE]")
    String audience;

    /** The options record; the key file is read here, once. */
    TokenOptions toOptions() {
        PublicKeys keys = keyFile == null || keyFile.isBlank() ? null : PublicKeys.read(Path.of(keyFile));
        return new TokenOptions(secret, keys, issuer, audience);
    }
}
