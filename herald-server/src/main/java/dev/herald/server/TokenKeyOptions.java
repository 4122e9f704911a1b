package dev.herald.server;

import dev.herald.auth.PublicKeys;
import dev.herald.auth.TokenOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The command line's token options, shared by {@code herald} (to check tokens) and {@code herald token} (to sign one). */
final class TokenKeyOptions {

    @Option(names = "--jwt-secret")
    String secret;

    @Option(names = "--jwt-key")
    String keyFile;

    @Option(names = "--jwt-jwks-url")
    String jwksUrl;

    @Option(names = "--jwt-issuer")
    String issuer;

    @Option(names = "--jwt-audience")
    String audience;

    /** The options record; the key file is read here, once. */
    TokenOptions toOptions() {
        PublicKeys keys = keyFile == null || keyFile.isBlank() ? null : PublicKeys.read(Path.of(keyFile));
        return new TokenOptions(secret, keys, issuer, audience, TokenOptions.jwksUrl(jwksUrl));
    }
}
